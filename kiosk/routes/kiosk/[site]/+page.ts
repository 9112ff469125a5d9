// Server-rendered: the wall itself when the request carries the kiosk's device cookie
// (+page.server.ts), else only the frame (WallFrame); the live kiosk takes over either in the browser.
export const ssr = true;
