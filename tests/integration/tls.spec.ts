/**
 * A hub serving HTTPS itself: TLS 1.2 and 1.3 only, and over 1.2 only forward-secret AEAD suites.
 * A client offering nothing else is refused; the kiosk's browser gets what it offers first.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { connect, type ConnectionOptions } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub } from '../../hub/main.ts';
import { closeAll, tempDir, testConfig } from '../helpers/start-hub.ts';

afterEach(closeAll);

async function tlsHub() {
	const dir = await tempDir();
	const cert = join(dir, 'cert.pem');
	const key = join(dir, 'key.pem');
	execFileSync('openssl', [
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-subj',
		'/CN=localhost',
		'-days',
		'1',
		'-keyout',
		key,
		'-out',
		cert
	]);
	return startHub({ ...testConfig(dir, false), tls: { cert, key } });
}

/** The protocol and suite the hub agrees to with these options, or the error it answers. */
function handshake(port: number, opts: ConnectionOptions): Promise<string> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...opts }, () => {
			const c = socket.getCipher();
			socket.end();
			resolve(`${socket.getProtocol()} ${c.name}`);
		});
		socket.once('error', () => resolve('refused'));
	});
}

describe('the hub over HTTPS', () => {
	it('speaks TLS 1.3, and over TLS 1.2 only forward-secret AEAD suites', async () => {
		const hub = await tlsHub();
		try {
			expect(await handshake(hub.port, {})).toMatch(/^TLSv1\.3 TLS_/);
			expect(await handshake(hub.port, { maxVersion: 'TLSv1.2' })).toMatch(
				/^TLSv1\.2 ECDHE-(RSA|ECDSA)-(AES\d+-GCM-SHA\d+|CHACHA20-POLY1305)$/
			);
			for (const ciphers of ['AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA', 'AES256-SHA256']) {
				expect(await handshake(hub.port, { maxVersion: 'TLSv1.2', ciphers }), ciphers).toBe(
					'refused'
				);
			}
			expect(await handshake(hub.port, { maxVersion: 'TLSv1.1', minVersion: 'TLSv1' })).toBe(
				'refused'
			);
		} finally {
			await hub.close();
		}
	});
});
