/** The running hub leaves its pid in the data folder, so offline tools can refuse to race it. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pidFile = (dataDir: string) => join(dataDir, 'hub.pid');

export function writePid(dataDir: string): void {
	writeFileSync(pidFile(dataDir), String(process.pid));
}

export function removePid(dataDir: string): void {
	rmSync(pidFile(dataDir), { force: true });
}

/** The pid of a hub still running on this data folder, or null. */
export function runningHub(dataDir: string): number | null {
	if (!existsSync(pidFile(dataDir))) return null;
	const pid = Number(readFileSync(pidFile(dataDir), 'utf8'));
	if (!Number.isInteger(pid) || pid <= 0) return null;
	try {
		process.kill(pid, 0);
		return pid;
	} catch {
		return null;
	}
}
