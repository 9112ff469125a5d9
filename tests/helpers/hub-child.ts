/**
 * A hub in its own process, for tests that kill it with SIGKILL. Config comes from the
 * environment (WISHWALL_DATA, PORT=0); prints "READY <port>" once it listens.
 */
import { configFromEnv } from '../../hub/config.ts';
import { startHub } from '../../hub/main.ts';

const hub = await startHub({ ...configFromEnv(), host: '127.0.0.1' });
process.stdout.write(`READY ${hub.port}\n`);
process.on('SIGTERM', () => {
	void hub.close().then(() => process.exit(0));
});
