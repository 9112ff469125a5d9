// Server-rendered for the frame only (WallFrame): the live kiosk needs the device's own state
// (token, outbox, counters), which only the browser has.
export const ssr = true;
