/**
 * `npm start`: build the app if the sources are newer than the build, start the hub, print the
 * links a person needs, and shut down cleanly on Ctrl-C / SIGTERM.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configFromEnv, type HubConfig } from './config.ts';
import { DEMO_DISPATCHER, DEMO_KIOSKS_FILE, DEMO_MEMBER_PIN, type DemoKiosk } from './demo/seed.ts';
import { WORKERS } from './demo/township.ts';
import { startHub } from './main.ts';
import { removePid, writePid } from './cli/pid.ts';

const SOURCES = ['kiosk', 'shared', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	return readdirSync(path).reduce(
		(m, name) => Math.max(m, newestMtime(join(path, name))),
		st.mtimeMs
	);
}

function buildIfNeeded(buildDir: string): void {
	// handler.js is rewritten by every build, so its age tells whether the build is current.
	const handler = join(buildDir, 'handler.js');
	const builtAt = existsSync(handler) ? statSync(handler).mtimeMs : 0;
	if (builtAt > Math.max(...SOURCES.map(newestMtime))) return;
	console.log('Building the app (first start, or sources changed)…');
	const r = spawnSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
		{
			stdio: 'inherit'
		}
	);
	if (r.status !== 0) {
		console.error('The build failed; see above.');
		process.exit(1);
	}
}

function configOrExit(): HubConfig {
	try {
		return configFromEnv();
	} catch (err) {
		// A wrong value is the operator's to fix: say which, in one line, and do not start.
		console.error(err instanceof Error ? err.message : String(err));
		process.exit(1);
	}
}

const config = configOrExit();
buildIfNeeded(config.buildDir);
const hub = await startHub(config);
writePid(config.dataDir);

const demoFile = join(config.dataDir, DEMO_KIOSKS_FILE);
const demo: DemoKiosk[] = existsSync(demoFile)
	? (JSON.parse(readFileSync(demoFile, 'utf8')) as DemoKiosk[])
	: [];
console.log(`\n心愿墙 Wishwall hub is running.  Data: ${config.dataDir}`);
console.log(`  Health       ${hub.localUrl}/healthz`);
console.log(`  QR links use ${hub.publicUrl}`);
if (demo.length > 0) {
	console.log('\n  Demo kiosks (open two of the same site side by side):');
	for (const k of demo)
		console.log(`  ${k.name.padEnd(12, '　')} ${hub.localUrl}/kiosk/${k.site}#device=${k.token}`);
}
console.log(`\n  Command-center desk  ${hub.localUrl}/desk`);
const admin = hub.core.firstAdmin;
if (admin?.password) {
	console.log(
		`  First start: admin account "${admin.username}", one-time password ${admin.password}`
	);
	console.log('  (shown only now: choose your own at the first sign-in)');
} else if (admin) {
	console.log(`  Admin account "${admin.username}" has the password from WISHWALL_ADMIN_PASSWORD`);
}
if (demo.length > 0) {
	console.log(`  Demo dispatcher      ${DEMO_DISPATCHER.username} / ${DEMO_DISPATCHER.password}`);
}
console.log(`\n  Members (phones)     ${hub.publicUrl}/m`);
console.log(`  Field workers        ${hub.publicUrl}/f`);
if (demo.length > 0) {
	console.log(`  Demo members         DY001 … DY012, PIN ${DEMO_MEMBER_PIN}`);
	console.log(
		`  Demo field workers   ${WORKERS.map((w) => w.no).join(' ')} and DY005, PIN ${DEMO_MEMBER_PIN}`
	);
}
console.log('\nPress Ctrl-C to stop.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: finishing in-flight work…`);
		hub.close().then(
			() => {
				removePid(config.dataDir);
				console.log('Stopped cleanly.');
				process.exit(0);
			},
			(err: unknown) => {
				console.error('Shutdown failed', err);
				process.exit(1);
			}
		);
	});
}
