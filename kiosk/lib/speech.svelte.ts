/**
 * Read-aloud, offline only. Fixed prompts are pre-rendered audio files shipped in
 * static/audio/prompts (hub/cli/render-prompts.ts, espeak-ng run as a separate build-time
 * process). Dynamic text (the wish read back) uses the browser's own Mandarin voice when it has
 * one, otherwise the hub's /api/speech, which runs espeak-ng out of process. When neither works
 * the read-aloud button says so instead of pretending.
 */

export type PromptKey =
	'wall' | 'category' | 'say' | 'contact' | 'confirm' | 'done' | 'idle' | 'track';

class Speaker {
	/** What is being spoken now, so its button can show 停止. */
	speaking = $state<string | null>(null);
	/** Whether dynamic text can be spoken here; null until checked. */
	textAvailable = $state<boolean | null>(null);
	#audio: HTMLAudioElement | null = null;
	#objectUrl: string | null = null;
	#token: string | undefined;
	#checking: Promise<boolean> | null = null;

	/** The kiosk's device token, for the hub's speech endpoint. */
	useToken(token: string | undefined): void {
		this.#token = token;
	}

	stop(): void {
		this.#audio?.pause();
		this.#audio = null;
		if (this.#objectUrl) URL.revokeObjectURL(this.#objectUrl);
		this.#objectUrl = null;
		if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
		this.speaking = null;
	}

	/** End of a visit: silence, and the next person starts at the default volume. */
	reset(): void {
		this.stop();
	}

	async prompt(key: PromptKey, fallbackText: string): Promise<void> {
		const id = `prompt:${key}`;
		if (this.speaking === id) return this.stop();
		this.stop();
		this.speaking = id;
		const played = await this.#play(`/audio/prompts/${key}.wav`, id);
		if (!played && this.speaking === id) await this.text(fallbackText, id);
	}

	/** Speaks arbitrary text (e.g. the wish itself). Resolves when it starts or fails. */
	async text(text: string, id = `text:${text}`): Promise<void> {
		if (this.speaking === id && id.startsWith('text:')) return this.stop();
		if (this.speaking !== id) this.stop();
		this.speaking = id;
		const voice = zhVoice();
		if (voice) {
			const u = new SpeechSynthesisUtterance(text);
			u.voice = voice;
			u.lang = voice.lang;
			u.rate = 0.85;
			u.volume = 1;
			u.onend = u.onerror = () => {
				if (this.speaking === id) this.speaking = null;
			};
			speechSynthesis.speak(u);
			return;
		}
		try {
			const res = await fetch('/api/speech', {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(this.#token ? { authorization: `Bearer ${this.#token}` } : {})
				},
				body: JSON.stringify({ text })
			});
			if (!res.ok) throw new Error(String(res.status));
			if (this.speaking !== id) return;
			this.#objectUrl = URL.createObjectURL(await res.blob());
			if (!(await this.#play(this.#objectUrl, id))) this.speaking = null;
		} catch {
			this.textAvailable = false;
			if (this.speaking === id) this.speaking = null;
		}
	}

	/** Plays a clip the person recorded (confirm screen). */
	async clip(url: string, id: string): Promise<void> {
		if (this.speaking === id) return this.stop();
		this.stop();
		this.speaking = id;
		if (!(await this.#play(url, id))) this.speaking = null;
	}

	/** Checks once whether dynamic text can be spoken (browser voice or the hub's engine). */
	checkText(): Promise<boolean> {
		this.#checking ??= (async () => {
			if (zhVoice()) return true;
			try {
				const res = await fetch('/api/speech', { method: 'GET' });
				const body = (await res.json()) as { available?: boolean };
				return res.ok && body.available === true;
			} catch {
				return false;
			}
		})().then((ok) => (this.textAvailable = ok));
		return this.#checking;
	}

	#play(src: string, id: string): Promise<boolean> {
		const audio = new Audio(src);
		audio.volume = 1;
		this.#audio = audio;
		return new Promise((resolve) => {
			audio.onended = () => {
				if (this.speaking === id) this.speaking = null;
			};
			audio.onerror = () => resolve(false);
			audio.play().then(
				() => resolve(true),
				() => resolve(false)
			);
		});
	}
}

function zhVoice(): SpeechSynthesisVoice | null {
	if (typeof speechSynthesis === 'undefined') return null;
	return speechSynthesis.getVoices().find((v) => /^(zh|cmn)/i.test(v.lang)) ?? null;
}

/** One speaker per page: only one thing talks at a time. */
export const speaker = new Speaker();
