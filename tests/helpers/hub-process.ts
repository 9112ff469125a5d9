/** Starts and kills hub processes (tests/helpers/hub-child.ts) for crash tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface HubProcess {
	child: ChildProcess;
	port: number;
	/** Milliseconds from spawn to listening. */
	startMs: number;
	kill9(): Promise<void>;
}

export function spawnHub(dataDir: string, env: Record<string, string> = {}): Promise<HubProcess> {
	const started = Date.now();
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join('tests', 'helpers', 'hub-child.ts')],
		{
			env: {
				...process.env,
				WISHWALL_DATA: dataDir,
				PORT: '0',
				WISHWALL_BUILD: join(dataDir, 'no-build-here'),
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let stderr = '';
	child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
	return new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`hub did not start: ${stderr}`)), 30_000);
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const m = /READY (\d+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve({
					child,
					port: Number(m[1]),
					startMs: Date.now() - started,
					kill9: () =>
						new Promise<void>((done) => {
							if (child.exitCode !== null || child.signalCode !== null) return done();
							child.once('exit', () => done());
							child.kill('SIGKILL');
						})
				});
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`hub exited with ${code}: ${stderr}`));
		});
	});
}
