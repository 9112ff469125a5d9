/**
 * Preloaded (`node --expose-gc --import tsx --import ./child-ipc.ts …`) into every server the bench
 * spawns. On the IPC message 'memory' it collects garbage and answers with process.memoryUsage(),
 * so "heap per kiosk" compares live objects, not whatever garbage the last burst left behind.
 */
process.on('message', (msg) => {
	if (msg !== 'memory') return;
	const gc = (globalThis as { gc?: () => void }).gc;
	// Twice: objects freed by the first pass (closed sockets) can release more in the second.
	gc?.();
	gc?.();
	const { heapUsed, rss } = process.memoryUsage();
	process.send?.({ type: 'memory', heapUsed, rss, collected: gc !== undefined });
});
// The IPC channel would keep a finished server alive; the server's own handles decide instead.
process.channel?.unref();
// The bench died (Ctrl-C, crash): its servers go with it instead of lingering on their ports.
process.on('disconnect', () => process.exit(1));
