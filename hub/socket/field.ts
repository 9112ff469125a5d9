/**
 * Field workers' phones: a page signed in with the phone session cookie connects with
 * auth { role: 'field' } and joins the room of each of its posts. It only listens: field:changed
 * carries an item's id and what happened, and the page reads its list again over HTTPS.
 */
import * as v from 'valibot';
import { ErrorCode } from '../../shared/errors.ts';
import { MEMBER_COOKIE, PROTOCOL_VERSION, postRoom } from '../../shared/protocol.ts';
import type { MemberService } from '../services/members.ts';
import { cookieValue } from '../http/cookies.ts';
import type { AnySocket } from './types.ts';

export const FieldAuthSchema = v.object({ role: v.literal('field'), protocol: v.number() });

function refuse(code: ErrorCode, message: string) {
	return Object.assign(new Error(code), { data: { code, message } });
}

export function fieldAuth(members: MemberService) {
	return (socket: AnySocket, next: (err?: Error) => void): void => {
		const parsed = v.safeParse(FieldAuthSchema, socket.handshake.auth);
		if (!parsed.success) return next(refuse(ErrorCode.unauthorized, 'bad field handshake'));
		if (parsed.output.protocol !== PROTOCOL_VERSION) {
			return next(refuse(ErrorCode.protocolMismatch, `hub speaks protocol ${PROTOCOL_VERSION}`));
		}
		members.authenticate(cookieValue(socket.handshake.headers.cookie, MEMBER_COOKIE)).then(
			(worker) => {
				if (!worker) return next(refuse(ErrorCode.unauthorized, 'sign in at /f first'));
				if (worker.posts.length === 0)
					return next(refuse(ErrorCode.forbidden, 'not a field worker'));
				socket.data = { role: 'field', memberId: worker.id };
				void socket.join(worker.posts.map((p) => postRoom(p.id)));
				next();
			},
			(err: unknown) => {
				console.error('field auth failed', err);
				next(refuse(ErrorCode.unavailable, 'the hub could not check the session'));
			}
		);
	};
}
