import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DispatchService } from '../../hub/services/dispatch/service.ts';
import { deskRelay } from '../../hub/socket/desk.ts';
import type { HubServer } from '../../hub/socket/types.ts';
import { DESK_ROOM } from '../../shared/protocol.ts';
import type { DeskItem } from '../../shared/schemas/desk.ts';
import type { WallEvent } from '../../shared/schemas/wishes.ts';

/** A server with one desk connected that records what reaches the desk room. */
function deskServer() {
	const sent: { event: string; payload: unknown }[] = [];
	const server = {
		of: () => ({ adapter: { rooms: new Map([[DESK_ROOM, new Set(['desk-socket'])]]) } }),
		to: (room: string) => ({
			emit: (event: string, payload: unknown) => {
				if (room === DESK_ROOM) sent.push({ event, payload });
			}
		})
	};
	return { io: server as unknown as HubServer, sent };
}

function event(seq: number, wishId: string): Omit<WallEvent, 'counters'> {
	return { seq, type: 'submitted', at: 0, wish: { id: wishId } as WallEvent['wish'] };
}

afterEach(() => vi.restoreAllMocks());

describe('the desk relay', () => {
	it('tells the desks about an event whose item it could not read, logs it, and sends the rest', async () => {
		const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const { io, sent } = deskServer();
		const item = { seq: 8, lastEvent: { actor: 'kiosk:1' } } as unknown as DeskItem;
		const dispatch = {
			project: async (wishId: string) => {
				if (wishId === 'broken') throw new Error('disk I/O error');
				return item;
			}
		} as unknown as DispatchService;
		const relay = deskRelay(() => io, dispatch);
		relay([event(7, 'broken'), event(8, 'fine')]);
		await relay.drain();
		expect(sent.map((s) => s.event)).toEqual(['desk:missed', 'desk:event']);
		expect(sent[0]!.payload).toEqual({ seq: 7 });
		expect(errors).toHaveBeenCalledTimes(1);
		expect(String(errors.mock.calls[0]![0])).toContain('7');
	});
});
