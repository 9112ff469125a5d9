/**
 * Text → WAV with espeak-ng (the npm package: WASM, GPL-3.0). This file is a separate program:
 * the hub runs it as a child process (hub/http/speech.ts) and render-prompts.ts runs it at build
 * time; the app never links espeak-ng. Usage: `tsx hub/cli/speak.ts <voice> <out.wav>` with the
 * text on stdin. Exit code 3 means espeak-ng is not installed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Speaks `text` in `voice` ('cmn' Mandarin, 'en' English); 11 025 Hz 16-bit mono WAV bytes. */
export async function renderWav(text: string, voice: 'cmn' | 'en' = 'cmn'): Promise<Buffer> {
	const { default: ESpeakNg } = await import('espeak-ng');
	// -s words per minute: slower than the default 175 for older listeners.
	const engine = await ESpeakNg({ arguments: ['-v', voice, '-s', '130', '-w', 'out.wav', text] });
	return halveRate(Buffer.from(engine.FS.readFile('out.wav')));
}

/**
 * espeak-ng writes 22 050 Hz; its formant voice carries little above 5 kHz, so averaging sample
 * pairs halves the size without an audible loss.
 */
function halveRate(wav: Buffer): Buffer {
	let offset = 12;
	let rate = 22_050;
	let data: Buffer | null = null;
	while (offset + 8 <= wav.length) {
		const id = wav.toString('ascii', offset, offset + 4);
		const size = wav.readUInt32LE(offset + 4);
		if (id === 'fmt ') rate = wav.readUInt32LE(offset + 12);
		if (id === 'data') data = wav.subarray(offset + 8, Math.min(wav.length, offset + 8 + size));
		offset += 8 + size + (size % 2);
	}
	if (!data) throw new Error('espeak-ng produced no audio');
	const samples = Math.floor(data.length / 4);
	const out = Buffer.alloc(44 + samples * 2);
	for (let i = 0; i < samples; i++) {
		const avg = (data.readInt16LE(i * 4) + data.readInt16LE(i * 4 + 2)) >> 1;
		out.writeInt16LE(avg, 44 + i * 2);
	}
	writeWavHeader(out, rate / 2, samples * 2);
	return out;
}

export function writeWavHeader(out: Buffer, rate: number, dataBytes: number): void {
	out.write('RIFF', 0, 'ascii');
	out.writeUInt32LE(36 + dataBytes, 4);
	out.write('WAVEfmt ', 8, 'ascii');
	out.writeUInt32LE(16, 16);
	out.writeUInt16LE(1, 20); // PCM
	out.writeUInt16LE(1, 22); // mono
	out.writeUInt32LE(rate, 24);
	out.writeUInt32LE(rate * 2, 28);
	out.writeUInt16LE(2, 32);
	out.writeUInt16LE(16, 34);
	out.write('data', 36, 'ascii');
	out.writeUInt32LE(dataBytes, 40);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const [voice, out] = process.argv.slice(2);
	if ((voice !== 'cmn' && voice !== 'en') || !out) {
		console.error('usage: tsx hub/cli/speak.ts cmn|en <out.wav>  (text on stdin)');
		process.exit(2);
	}
	const text = readFileSync(0, 'utf8').trim();
	try {
		writeFileSync(out, await renderWav(text, voice));
	} catch (err) {
		const missing = (err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
		console.error(missing ? 'espeak-ng is not installed (npm i espeak-ng)' : err);
		process.exit(missing ? 3 : 1);
	}
}
