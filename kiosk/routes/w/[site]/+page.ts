// The intake records audio and keeps a draft in the browser: nothing to render on the server.
export const ssr = false;
