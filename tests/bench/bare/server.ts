/**
 * The bare page's server, in its own process as the hub is: adapter-node's handler for the built
 * bare app (BARE_BUILD) and a Socket.IO server that greets every socket with 'kiosk:hello', the
 * event the page waits for, as the baseline server greets its kiosks. Prints "READY <port>".
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Server } from 'socket.io';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const build = process.env.BARE_BUILD;
if (!build) throw new Error('BARE_BUILD names the bare app build (see serve.ts)');
const { handler } = (await import(pathToFileURL(join(build, 'handler.js')).href)) as {
	handler: Handler;
};

const http = createServer((req, res) =>
	handler(req, res, () => {
		res.writeHead(404).end();
	})
);
// The hub's transport settings (hub/socket/server.ts); nothing else of the hub.
const io = new Server(http, { pingInterval: 10_000, pingTimeout: 5_000, serveClient: false });
io.on('connection', (socket) => socket.emit('kiosk:hello', { headSeq: 0 }));

http.listen(0, '127.0.0.1', () => {
	process.stdout.write(`READY ${(http.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
	io.disconnectSockets(true);
	void io.close(() => process.exit(0));
});
