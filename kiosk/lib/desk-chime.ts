/**
 * A short, soft two-note chime for new items, made with Web Audio (no file to fetch). Browsers
 * only allow sound after the user has interacted with the page; until then it stays silent.
 */
let context: AudioContext | null = null;

export function chime(urgent: boolean): void {
	try {
		context ??= new AudioContext();
		if (context.state === 'suspended') void context.resume();
		const notes = urgent ? [880, 660, 880] : [660, 880];
		notes.forEach((hz, i) => {
			const osc = context!.createOscillator();
			const gain = context!.createGain();
			const start = context!.currentTime + i * 0.16;
			osc.frequency.value = hz;
			gain.gain.setValueAtTime(0.0001, start);
			gain.gain.exponentialRampToValueAtTime(0.08, start + 0.02);
			gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.14);
			osc.connect(gain).connect(context!.destination);
			osc.start(start);
			osc.stop(start + 0.15);
		});
	} catch {
		// No audio device: the highlight in the list still shows the new item.
	}
}
