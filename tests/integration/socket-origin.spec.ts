import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { closeAll, startTestHub } from '../helpers/start-hub.ts';

afterEach(closeAll);

function tryConnect(
	port: number,
	token: string,
	origin: string | null
): Promise<'connected' | string> {
	const socket = io(`http://127.0.0.1:${port}`, {
		auth: { protocol: PROTOCOL_VERSION, role: 'kiosk', token },
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: origin ? { origin } : {}
	});
	return new Promise((resolve) => {
		socket.once('connect', () => {
			socket.disconnect();
			resolve('connected');
		});
		socket.once('connect_error', (err) => {
			socket.disconnect();
			resolve(err.message);
		});
	});
}

describe('socket origin check', () => {
	it('refuses a socket opened by a page from another origin, and admits the app’s own origin and originless clients', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const token = kiosksAt('shuanglong')[0]!.token;
		expect(await tryConnect(hub.port, token, 'http://evil.example')).not.toBe('connected');
		expect(await tryConnect(hub.port, token, `http://127.0.0.1:${hub.port}`)).toBe('connected');
		expect(await tryConnect(hub.port, token, null)).toBe('connected');
	});
});
