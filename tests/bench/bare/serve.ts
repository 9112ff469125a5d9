/**
 * The weight scenario's yardstick, served apart from the hub so it never ships in the product:
 * the bare app in this folder, built into tests/.artifacts/bench-bare/ (gitignored) when missing
 * or stale, and server.ts in its own process.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spawnServer, stopServer } from '../servers.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Where svelte.config.js puts the build (gitignored). */
const workDir = join(root, 'tests/.artifacts/bench-bare');
const buildDir = join(workDir, 'build');
const stampFile = join(workDir, 'stamp');

/** What the bare page is made of besides this folder's files. */
const PACKAGES = [
	'@sveltejs/adapter-node',
	'@sveltejs/kit',
	'@sveltejs/vite-plugin-svelte',
	'socket.io-client',
	'svelte',
	'vite'
];

/** A hash of this folder's files and the packages' versions: a build with another is stale. */
async function sourceStamp(): Promise<string> {
	const hash = createHash('sha256');
	const entries = await readdir(here, { recursive: true, withFileTypes: true });
	const files = entries
		.filter((e) => e.isFile())
		.map((e) => join(e.parentPath, e.name))
		.sort();
	for (const file of files) hash.update(file.slice(here.length)).update(await readFile(file));
	for (const pkg of PACKAGES) {
		const { version } = JSON.parse(
			await readFile(join(root, 'node_modules', pkg, 'package.json'), 'utf8')
		) as { version: string };
		hash.update(`${pkg}@${version}`);
	}
	return hash.digest('hex');
}

/** Builds the bare app unless the build on disk is of these sources; returns its folder. */
async function ensureBuilt(log: (message: string) => void): Promise<string> {
	const stamp = await sourceStamp();
	const built = existsSync(join(buildDir, 'handler.js'))
		? await readFile(stampFile, 'utf8').catch(() => '')
		: '';
	if (built === stamp) return buildDir;
	log('weight: building the bare page (tests/bench/bare)');
	await rm(workDir, { recursive: true, force: true });
	await mkdir(workDir, { recursive: true });
	try {
		await promisify(execFile)(
			process.execPath,
			[
				join(root, 'node_modules/vite/bin/vite.js'),
				'build',
				'--config',
				'vite-bare.config.ts',
				'--logLevel',
				'warn'
			],
			{
				cwd: here,
				// A production build even when the caller runs under Vitest (NODE_ENV=test).
				env: { ...process.env, NODE_ENV: 'production' },
				maxBuffer: 16 * 1024 * 1024
			}
		);
	} catch (err) {
		const { stdout, stderr } = err as { stdout?: string; stderr?: string };
		throw new Error(`the bare page did not build: ${stderr || stdout || String(err)}`, {
			cause: err
		});
	}
	await writeFile(stampFile, stamp);
	return buildDir;
}

export interface BarePage {
	url: string;
	/** The build's client folder: the files the page loads, for their served sizes. */
	clientDir: string;
	stop(): Promise<void>;
}

export async function serveBarePage(log: (message: string) => void): Promise<BarePage> {
	const build = await ensureBuilt(log);
	const { running } = await spawnServer(join(here, 'server.ts'), { BARE_BUILD: build }, []);
	return {
		url: `http://127.0.0.1:${running.port}/`,
		clientDir: join(build, 'client'),
		stop: () => stopServer(running.child)
	};
}
