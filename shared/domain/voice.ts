/**
 * Voice clips: how long and in which containers. Plain constants, so the kiosk's wall bundle
 * does not pull in the schema library for them.
 */
export const MAX_VOICE_MS = 90_000;
export const VOICE_MIME_TYPES = ['audio/webm', 'audio/ogg'] as const;
