/**
 * Speech-to-text behind a small interface. None is wired in, on purpose: Chromium's
 * SpeechRecognition sends audio to Google and fails on a closed network, and no npm package ships
 * a Mandarin model. A recorded clip is a complete wish; an engine that works offline (e.g. a hub
 * worker with a local model) can implement this and fill the text box after recording.
 */
import type { VoiceClip } from './voice.svelte.ts';

export interface Transcriber {
	/** Text for the clip, or null when this engine cannot tell. */
	transcribe(clip: VoiceClip): Promise<string | null>;
}

export const noTranscriber: Transcriber = {
	transcribe: async () => null
};

/** The kiosk's transcriber: none until an offline engine exists. */
export const transcriber: Transcriber = noTranscriber;
