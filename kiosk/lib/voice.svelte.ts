/**
 * Voice wishes: record with MediaRecorder (webm/opus where the browser has it), show a live level
 * and the seconds, stop by itself at 90 s, and upload the clip over HTTP keyed by the wish id.
 */
import { MAX_VOICE_MS, VOICE_MIME_TYPES } from '$shared/domain/voice.ts';

export type VoiceMime = (typeof VOICE_MIME_TYPES)[number];
export type RecorderState = 'idle' | 'starting' | 'recording' | 'done';
/** Reasons the kiosk explains in plain words (catalogue section `voice`). */
export type VoiceError = 'micDenied' | 'micMissing' | 'micInsecure' | 'tooShort';

export interface VoiceClip {
	blob: Blob;
	mime: VoiceMime;
	durationMs: number;
}

const MIN_MS = 300;

function pickMime(): { recorder: string; mime: VoiceMime } | null {
	if (typeof MediaRecorder === 'undefined') return null;
	for (const [recorder, mime] of [
		['audio/webm;codecs=opus', 'audio/webm'],
		['audio/ogg;codecs=opus', 'audio/ogg'],
		['audio/webm', 'audio/webm']
	] as const) {
		if (MediaRecorder.isTypeSupported(recorder)) return { recorder, mime };
	}
	return null;
}

export class VoiceRecorder {
	state = $state<RecorderState>('idle');
	elapsedMs = $state(0);
	/** 0..1, the loudness of the last few milliseconds, for the level meter. */
	level = $state(0);
	clip = $state<VoiceClip | null>(null);
	error = $state<VoiceError | null>(null);
	readonly maxMs: number;

	#recorder: MediaRecorder | null = null;
	#stream: MediaStream | null = null;
	#audio: AudioContext | null = null;
	#frame = 0;
	#startedAt = 0;
	#chunks: Blob[] = [];

	constructor(maxMs = MAX_VOICE_MS) {
		this.maxMs = maxMs;
	}

	get recording(): boolean {
		return this.state === 'starting' || this.state === 'recording';
	}

	async start(): Promise<void> {
		if (this.recording) return;
		this.error = null;
		const type = pickMime();
		if (!navigator.mediaDevices?.getUserMedia || !type) {
			this.error = 'micInsecure';
			return;
		}
		this.state = 'starting';
		try {
			this.#stream = await navigator.mediaDevices.getUserMedia({
				audio: { echoCancellation: true, noiseSuppression: true }
			});
		} catch (err) {
			this.state = this.clip ? 'done' : 'idle';
			const name = (err as { name?: string }).name;
			this.error =
				name === 'NotFoundError' || name === 'OverconstrainedError' ? 'micMissing' : 'micDenied';
			return;
		}
		this.#chunks = [];
		const recorder = new MediaRecorder(this.#stream, {
			mimeType: type.recorder,
			audioBitsPerSecond: 24_000
		});
		recorder.ondataavailable = (e) => {
			if (e.data.size > 0) this.#chunks.push(e.data);
		};
		recorder.onstop = () => this.#finish(type.mime);
		this.#recorder = recorder;
		this.#meter(this.#stream);
		this.#startedAt = performance.now();
		this.elapsedMs = 0;
		recorder.start(1000);
		this.state = 'recording';
	}

	/** Stops recording; resolves once the clip is assembled (or discarded as too short). */
	stop(): Promise<void> {
		const recorder = this.#recorder;
		if (!recorder || recorder.state === 'inactive') return Promise.resolve();
		this.elapsedMs = performance.now() - this.#startedAt;
		return new Promise((resolve) => {
			recorder.addEventListener('stop', () => resolve(), { once: true });
			recorder.stop();
		});
	}

	/** Forgets the clip (and stops a recording in progress without keeping it). */
	discard(): void {
		if (this.#recorder && this.#recorder.state !== 'inactive') {
			this.#recorder.onstop = null;
			this.#recorder.stop();
		}
		this.#release();
		this.clip = null;
		this.error = null;
		this.state = 'idle';
		this.elapsedMs = 0;
	}

	#finish(mime: VoiceMime): void {
		const durationMs = Math.round(Math.min(this.elapsedMs, this.maxMs));
		this.#release();
		if (durationMs < MIN_MS || this.#chunks.length === 0) {
			this.error = 'tooShort';
			this.state = this.clip ? 'done' : 'idle';
			return;
		}
		this.clip = { blob: new Blob(this.#chunks, { type: mime }), mime, durationMs };
		this.state = 'done';
	}

	#meter(stream: MediaStream): void {
		try {
			this.#audio = new AudioContext();
			const analyser = this.#audio.createAnalyser();
			analyser.fftSize = 512;
			this.#audio.createMediaStreamSource(stream).connect(analyser);
			const samples = new Float32Array(analyser.fftSize);
			const loop = () => {
				analyser.getFloatTimeDomainData(samples);
				let sum = 0;
				for (const s of samples) sum += s * s;
				// RMS of speech sits around 0.05–0.3; stretch it so the bar visibly moves.
				this.level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
				this.#tickClock();
				this.#frame = requestAnimationFrame(loop);
			};
			loop();
		} catch {
			// A meter is a comfort, not a requirement: keep the clock going without it.
			const timer = setInterval(() => {
				if (!this.recording) clearInterval(timer);
				else this.#tickClock();
			}, 200);
		}
	}

	#tickClock(): void {
		if (this.state !== 'recording') return;
		this.elapsedMs = performance.now() - this.#startedAt;
		if (this.elapsedMs >= this.maxMs) void this.stop();
	}

	#release(): void {
		cancelAnimationFrame(this.#frame);
		this.level = 0;
		for (const track of this.#stream?.getTracks() ?? []) track.stop();
		this.#stream = null;
		void this.#audio?.close().catch(() => undefined);
		this.#audio = null;
		this.#recorder = null;
	}
}

/** One try at storing a clip on the hub: 'refused' when resending can never help. */
export async function putVoice(
	wishId: string,
	blob: Blob,
	mime: string,
	auth: { token?: string }
): Promise<'ok' | 'refused' | 'failed'> {
	try {
		const res = await fetch(`/api/voice/${wishId}`, {
			method: 'PUT',
			headers: {
				'content-type': mime,
				...(auth.token ? { authorization: `Bearer ${auth.token}` } : {})
			},
			body: blob
		});
		if (res.ok) return 'ok';
		return res.status >= 400 && res.status < 500 && res.status !== 429 ? 'refused' : 'failed';
	} catch {
		return 'failed';
	}
}

/** Uploads a clip, retrying network trouble a few times (the phone page has no outbox). */
export async function uploadVoice(
	wishId: string,
	clip: VoiceClip,
	auth: { token?: string },
	attempts = 3
): Promise<boolean> {
	for (let i = 0; i < attempts; i++) {
		const r = await putVoice(wishId, clip.blob, clip.mime, auth);
		if (r !== 'failed') return r === 'ok';
		await new Promise((r) => setTimeout(r, 500 * 2 ** i));
	}
	return false;
}
