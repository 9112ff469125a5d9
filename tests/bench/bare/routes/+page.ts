// The bench's yardstick for the kiosk page: rendered in the browser only, like the kiosk.
export const ssr = false;
