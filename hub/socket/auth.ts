/** Connection gate: protocol version and device token, checked before any event is accepted. */
import * as v from 'valibot';
import { ErrorCode } from '../../shared/errors.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { KioskAuthSchema } from '../../shared/schemas/wishes.ts';
import type { KioskService } from '../services/kiosks.ts';
import type { AnySocket } from './types.ts';

/** A connect_error the client can read: err.message is the code, err.data carries a message. */
function refuse(
	code: ErrorCode,
	message: string
): Error & { data: { code: ErrorCode; message: string } } {
	return Object.assign(new Error(code), { data: { code, message } });
}

type Gate = (socket: AnySocket, next: (err?: Error) => void) => void;

/**
 * Sends each handshake to its role's gate: 'desk' to the staff session check, 'field' to the
 * phone session check, all else to kiosks.
 */
export function byRole(gates: { kiosk: Gate; desk: Gate | null; field?: Gate | null }): Gate {
	return (socket, next) => {
		const auth = socket.handshake.auth as Record<string, unknown> | undefined;
		if (auth?.role === 'field') {
			if (!gates.field) return next(refuse(ErrorCode.unauthorized, 'this hub has no field phones'));
			return gates.field(socket, next);
		}
		if (auth?.role !== 'desk') return gates.kiosk(socket, next);
		if (!gates.desk) return next(refuse(ErrorCode.unauthorized, 'this hub has no desk'));
		gates.desk(socket, next);
	};
}

export function kioskAuth(kiosks: KioskService) {
	return (socket: AnySocket, next: (err?: Error) => void): void => {
		const auth = socket.handshake.auth as Record<string, unknown> | undefined;
		if (auth && typeof auth.protocol === 'number' && auth.protocol !== PROTOCOL_VERSION) {
			next(
				refuse(
					ErrorCode.protocolMismatch,
					`hub speaks protocol ${PROTOCOL_VERSION}, client ${auth.protocol}`
				)
			);
			return;
		}
		const parsed = v.safeParse(KioskAuthSchema, auth);
		if (!parsed.success) {
			next(refuse(ErrorCode.unauthorized, 'a device token is required'));
			return;
		}
		kiosks.authenticate(parsed.output.token).then(
			(found) => {
				if (!found) return next(refuse(ErrorCode.unauthorized, 'unknown or revoked device token'));
				socket.data = {
					role: 'kiosk',
					kioskId: found.kiosk.id,
					siteId: found.site.id,
					siteSlug: found.site.slug,
					ticketPrefix: found.kiosk.ticket_prefix
				};
				next();
			},
			(err: unknown) => {
				console.error('kiosk auth failed', err);
				next(refuse(ErrorCode.unavailable, 'the hub could not check the device token'));
			}
		);
	};
}
