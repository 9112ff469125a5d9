/**
 * Read-aloud of dynamic text for kiosks whose browser has no Mandarin voice.
 * GET /api/speech → { available }; POST /api/speech { text } with a kiosk's device token → WAV.
 * The engine (espeak-ng, GPL-3.0) runs as a separate child process (hub/cli/speak.ts), one render
 * at a time, and results are cached in <data>/speech/<sha256>.wav so a repeated text is instant.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { WishTextSchema } from '../../shared/schemas/wishes.ts';
import type { KioskService } from '../services/kiosks.ts';
import { json, readBody, TooLarge } from './util.ts';

const SPEAK_SCRIPT = fileURLToPath(new URL('../cli/speak.ts', import.meta.url));
const SpeechRequestSchema = v.strictObject({
	text: v.pipe(WishTextSchema, v.minLength(1, 'empty'), v.maxLength(300, 'text_too_long'))
});
const RENDER_TIMEOUT_MS = 20_000;
const MAX_QUEUE = 4;

/** Whether the optional espeak-ng package is installed next to the hub. */
export function speechEngineInstalled(): boolean {
	try {
		createRequire(import.meta.url).resolve('espeak-ng');
		return true;
	} catch {
		return false;
	}
}

/** Runs the speak script in its own Node process (tsx loader) and waits for the WAV file. */
function renderOutOfProcess(text: string, out: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', SPEAK_SCRIPT, 'cmn', out], {
			stdio: ['pipe', 'ignore', 'pipe']
		});
		let stderr = '';
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), RENDER_TIMEOUT_MS);
		child.on('error', reject);
		child.on('exit', (code) => {
			clearTimeout(timer);
			if (code === 0) resolve();
			else reject(new Error(`speak exited ${code}: ${stderr.slice(0, 300)}`));
		});
		child.stdin.end(text);
	});
}

export function createSpeechRoutes(opts: { kiosks: KioskService; dataDir: string }) {
	const dir = join(opts.dataDir, 'speech');
	const available = speechEngineInstalled();
	let chain: Promise<unknown> = Promise.resolve();
	let queued = 0;

	async function speak(text: string): Promise<Buffer> {
		const file = join(dir, `${createHash('sha256').update(`cmn\n${text}`).digest('hex')}.wav`);
		if (existsSync(file)) return readFile(file);
		if (queued >= MAX_QUEUE) throw new Error('busy');
		queued += 1;
		const job = chain.then(async () => {
			if (existsSync(file)) return;
			await mkdir(dir, { recursive: true });
			const temp = `${file}.${process.pid}.part`;
			try {
				await renderOutOfProcess(text, temp);
				await rename(temp, file);
			} finally {
				await rm(temp, { force: true });
			}
		});
		chain = job.catch(() => undefined);
		try {
			await job;
		} finally {
			queued -= 1;
		}
		return readFile(file);
	}

	async function post(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const m = /^Bearer\s+([\w-]{16,128})$/.exec(req.headers.authorization ?? '');
		if (!m?.[1] || !(await opts.kiosks.authenticate(m[1])))
			return json(res, 401, { error: 'unauthorized', message: 'a device token is required' });
		if (!available)
			return json(res, 503, { error: 'unavailable', message: 'espeak-ng is not installed' });
		let raw: unknown;
		try {
			raw = JSON.parse((await readBody(req, 8 * 1024)).toString('utf8'));
		} catch (err) {
			const message = err instanceof TooLarge ? 'text too long' : 'send JSON { text }';
			return json(res, 400, { error: 'invalid_payload', message });
		}
		const parsed = v.safeParse(SpeechRequestSchema, raw);
		if (!parsed.success)
			return json(res, 400, { error: 'invalid_payload', message: parsed.issues[0].message });
		let wav: Buffer;
		try {
			wav = await speak(parsed.output.text.trim());
		} catch (err) {
			console.error('speech render failed', err);
			return json(res, 503, { error: 'unavailable', message: 'could not speak now' });
		}
		res.writeHead(200, {
			'content-type': 'audio/wav',
			'content-length': String(wav.length),
			'cache-control': 'private, max-age=86400'
		});
		res.end(wav);
	}

	/** Handles /api/speech; returns false for any other path. */
	return function speechRoute(req: IncomingMessage, res: ServerResponse): boolean {
		const path = (req.url ?? '/').split('?')[0];
		if (path !== '/api/speech') return false;
		if (req.method === 'GET') json(res, 200, { available });
		else if (req.method === 'POST')
			post(req, res).catch((err: unknown) => {
				console.error('speech route failed', err);
				if (!res.headersSent) json(res, 500, { error: 'internal', message: 'speech failed' });
			});
		else json(res, 405, { error: 'method', message: 'GET or POST' });
		return true;
	};
}
