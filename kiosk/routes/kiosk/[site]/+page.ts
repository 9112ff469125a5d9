// The kiosk lives on device state (token, outbox, counters) that only the browser has.
export const ssr = false;
