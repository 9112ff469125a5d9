/**
 * Who may do what (DESIGN.md §8, and §11 for the field workers of posts), as one table: every cell is tried against the real build with
 * real credentials — HTTP from a request context, sockets from socket.io-client — on a hub of its
 * own, so revoking a kiosk or resetting a PIN disturbs no other test. A refused cell must also
 * leak nothing: the resident's name and phone never appear in a refused answer.
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { DEMO_DISPATCHER, DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import { formatTicket } from '../../shared/domain/codes.ts';
import type { Hub } from '../../hub/main.ts';
import { MEMBER_COOKIE, PROTOCOL_VERSION } from '../../shared/protocol.ts';
import type { WishSubmit } from '../../shared/schemas/wishes.ts';
import { signIn as staffSignIn } from '../helpers/desk.ts';
import { makeWish, SECRET_NAME, SECRET_PHONE } from '../helpers/wishes.ts';
import { photoPng } from './claim-helpers.ts';
import { ADMIN_PASSWORD, privateHub } from './desk-helpers.ts';
import { closeSockets, emitAck, kioskSocket, tryConnect } from './socket-helpers.ts';

const ROLES = [
	'anonymous',
	'kiosk',
	'revokedKiosk',
	'member',
	'otherMember',
	'dispatcher',
	'admin',
	/** CG01, a field worker (not a party member) of 城市管理岗, the post the field items go to. */
	'fieldWorker',
	/** WG02, a field worker of another post (网格员·铁石垭村). */
	'otherWorker'
] as const;
type Role = (typeof ROLES)[number];
type Cell = 'allow' | 'deny';

/** One role's credentials: a device token, a cookie, or nothing. */
interface Who {
	role: Role;
	token?: string;
	cookie?: string;
}

/** What one attempt came to; `body` is searched for leaks when the cell is a refusal. */
interface Result {
	allowed: boolean;
	detail: string;
	body: string;
}

type Row = { action: string; run(who: Who): Promise<Result> } & Record<Role, Cell>;

const A = 'allow' as const;
const D = 'deny' as const;
/** The cells of a row in ROLES order. */
function cells(...c: Cell[]): Record<Role, Cell> {
	return Object.fromEntries(ROLES.map((r, i) => [r, c[i]!])) as Record<Role, Cell>;
}

const WEBM_HEADER = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0, 0, 0]);

test.afterEach(closeSockets);
test.setTimeout(120_000);

test('every role gets exactly what DESIGN.md §8 allows it, and a refusal leaks nothing', async ({
	playwright
}) => {
	const { hub, base, close } = await privateHub();
	const http = await playwright.request.newContext({ baseURL: base });
	try {
		const rows = await matrix(hub, base, http);
		const who = await credentials(hub, base, http);
		const failures: string[] = [];
		for (const row of rows) {
			for (const role of ROLES) {
				const r = await row.run(who[role]);
				const want = row[role] === 'allow';
				if (r.allowed !== want)
					failures.push(`${row.action} as ${role}: expected ${row[role]}, got ${r.detail}`);
				if (!r.allowed && (r.body.includes(SECRET_PHONE) || r.body.includes(SECRET_NAME)))
					failures.push(`${row.action} as ${role}: refused, but the answer holds the contact`);
			}
		}
		expect(failures).toEqual([]);
	} finally {
		closeSockets();
		await http.dispose();
		await close();
	}
});

/** Each role signed in the way it really is: staff and members through their services. */
async function credentials(
	hub: Hub,
	base: string,
	http: APIRequestContext
): Promise<Record<Role, Who>> {
	const core = hub.core;
	const member = async (no: string) => {
		const s = await core.members.signIn(no, DEMO_MEMBER_PIN);
		if (!s.ok) throw new Error(`${no} could not sign in`);
		return `${MEMBER_COOKIE}=${s.token}`;
	};
	const admin = await staffSignIn(hub, 'admin', ADMIN_PASSWORD);
	const dispatcher = await staffSignIn(hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	return {
		anonymous: { role: 'anonymous' },
		kiosk: { role: 'kiosk', token: kioskOf(hub).token },
		revokedKiosk: {
			role: 'revokedKiosk',
			token: await revokedToken(hub, base, http, admin.cookie)
		},
		member: { role: 'member', cookie: await member('DY001') },
		otherMember: { role: 'otherMember', cookie: await member('DY002') },
		dispatcher: { role: 'dispatcher', cookie: dispatcher.cookie },
		admin: { role: 'admin', cookie: admin.cookie },
		fieldWorker: { role: 'fieldWorker', cookie: await member('CG01') },
		otherWorker: { role: 'otherWorker', cookie: await member('WG02') }
	};
}

function kioskOf(hub: Hub) {
	const k = hub.core.demoKiosks.find((d) => d.site === 'shuanglong');
	if (!k) throw new Error('no demo kiosk at 双龙村');
	return k;
}

/** A kiosk enrolled through /desk/enrol/<code> and then revoked on the admin page. */
async function revokedToken(
	hub: Hub,
	base: string,
	http: APIRequestContext,
	adminCookie: string
): Promise<string> {
	const admin = await hub.core.staff.session(adminCookie.split('=')[1]!);
	if (!admin) throw new Error('the admin session is not live');
	const made = await hub.core.fleet.createKiosk(admin, {
		siteSlug: 'shuanglong',
		name: '双龙村吊销机',
		ticketPrefix: 'RV',
		paperMm: 58
	});
	if (!made.ok) throw new Error(`kiosk not created: ${made.message}`);
	const enrol = await form(http, base, `/desk/enrol/${made.value.code}`, {});
	const token = /#device=([\w-]+)/.exec(enrol.headers().location ?? '')?.[1];
	if (!token) throw new Error(`enrolment gave no token: ${enrol.status()}`);
	const revoke = await form(
		http,
		base,
		'/desk/admin?/revokeKiosk',
		{ kioskId: String(made.value.kioskId) },
		{ cookie: adminCookie }
	);
	expect(revoke.status()).toBe(200);
	return token;
}

/** A same-origin form POST as a browser without scripts sends it. */
function form(
	http: APIRequestContext,
	base: string,
	path: string,
	fields: Record<string, string>,
	headers: Record<string, string> = {}
): Promise<APIResponse> {
	return http.post(path, {
		form: fields,
		headers: { origin: base, accept: 'text/html', ...headers },
		maxRedirects: 0
	});
}

function headersOf(who: Who): Record<string, string> {
	return {
		...(who.cookie ? { cookie: who.cookie } : {}),
		...(who.token ? { authorization: `Bearer ${who.token}` } : {})
	};
}

/** Success is 2xx; refusal is 401/403/404 or the way to the desk's sign-in; anything else fails. */
async function judge(res: APIResponse): Promise<Result> {
	const status = res.status();
	const body = await res.text();
	const location = res.headers().location ?? '';
	const detail = `${status}${location ? ` → ${location}` : ''}`;
	if (status >= 200 && status < 300) return { allowed: true, detail, body };
	if ([401, 403, 404].includes(status) || (status === 303 && location.startsWith('/desk/login')))
		return { allowed: false, detail, body };
	throw new Error(`unexpected answer ${detail}: ${body.slice(0, 300)}`);
}

/** An ack counts as allowed only when ok; a missing handler ('no answer') is a refusal too. */
function judgeAck(ack: unknown, refused: string | null): Result {
	if (refused) return { allowed: false, detail: `connect refused: ${refused}`, body: refused };
	const body = JSON.stringify(ack);
	const ok = typeof ack === 'object' && ack !== null && (ack as { ok?: unknown }).ok === true;
	if (!ok && !/unauthorized|forbidden|not_yours|no answer/.test(body))
		throw new Error(`unexpected ack ${body.slice(0, 300)}`);
	return { allowed: ok, detail: body.slice(0, 120), body };
}

function kioskAuth(who: Who) {
	return { protocol: PROTOCOL_VERSION, role: 'kiosk', ...(who.token ? { token: who.token } : {}) };
}

function deskAuth(who: Who) {
	return { protocol: PROTOCOL_VERSION, role: 'desk', ...(who.token ? { token: who.token } : {}) };
}

/** The table. Fixtures (wishes, clips, photos) are made here, fresh where an action changes them. */
async function matrix(hub: Hub, base: string, http: APIRequestContext): Promise<Row[]> {
	const core = hub.core;
	const { socket, hello } = await kioskSocket(base, kioskOf(hub).token);
	let counter = hello.lastTicket;
	const submit = async (overrides: Partial<WishSubmit> = {}) => {
		counter += 1;
		const wish = makeWish(hello.ticketPrefix, counter, overrides);
		const ack = await emitAck(socket, 'wish:submit', wish);
		if (!(ack as { ok?: boolean }).ok) throw new Error(`fixture refused: ${JSON.stringify(ack)}`);
		return wish;
	};
	const holder = await core.members.signIn('DY001', DEMO_MEMBER_PIN);
	if (!holder.ok) throw new Error('DY001 could not sign in');
	/** A micro-wish DY001 holds (the "member" role is DY001). */
	const held = async () => {
		const wish = await submit();
		const r = await core.claims.claim(holder.token, wish.claimCode);
		if (!r.ok) throw new Error(`fixture claim failed: ${r.error}`);
		return wish;
	};

	const voiced = await submit({ voice: { durationMs: 2000, mime: 'audio/webm' } });
	const put = await http.put(`/api/voice/${voiced.id}`, {
		data: WEBM_HEADER,
		headers: { 'content-type': 'audio/webm', authorization: `Bearer ${kioskOf(hub).token}` }
	});
	expect(put.status()).toBe(201);

	const photographed = await held();
	const upload = await http.post(`/api/photos?c=${photographed.claimCode}`, {
		data: photoPng(),
		headers: {
			'content-type': 'application/octet-stream',
			cookie: `${MEMBER_COOKIE}=${holder.token}`
		}
	});
	expect(upload.status()).toBe(201);
	const photoId = ((await upload.json()) as { id: string }).id;

	const shown = await held();
	const tracked = await submit();
	const service = await core.db.get<{ id: number; site_id: number }>(
		'SELECT id, site_id FROM station_services ORDER BY id LIMIT 1'
	);
	const admin = (await staffSignIn(hub, 'admin', ADMIN_PASSWORD)).staff;
	const pinMember = await core.db.get<{ id: number }>(
		"SELECT id FROM members WHERE member_no = 'DY012'"
	);
	let prefixes = 0;

	const get = (path: string) => async (who: Who) =>
		judge(await http.get(path, { headers: headersOf(who), maxRedirects: 0 }));
	const post =
		(path: string, fields: Record<string, string> | (() => Record<string, string>)) =>
		async (who: Who) =>
			judge(
				await form(
					http,
					base,
					path,
					typeof fields === 'function' ? fields() : fields,
					headersOf(who)
				)
			);
	/**
	 * One fixture per success: a refused attempt changes nothing (other tests prove that), so the
	 * next role may try the same one; an allowed attempt spends it. Kiosks may send only 20 wishes
	 * a minute, so fixtures are not made for nothing.
	 */
	const onFresh = <W>(make: () => Promise<W>, run: (w: W, who: Who) => Promise<Result>) => {
		let current: W | null = null;
		return async (who: Who) => {
			current ??= await make();
			const r = await run(current, who);
			if (r.allowed) current = null;
			return r;
		};
	};
	const onDesk = (event: string, payload: () => Promise<unknown>) => async (who: Who) => {
		const { socket: s, refused } = await tryConnect(base, deskAuth(who), who.cookie);
		return judgeAck(refused ? null : await emitAck(s, event, await payload()), refused);
	};

	return [
		{ action: 'open /desk', ...cells(D, D, D, D, D, A, A, D, D), run: get('/desk') },
		{ action: 'open /desk/admin', ...cells(D, D, D, D, D, D, A, D, D), run: get('/desk/admin') },
		{
			action: 'export the items CSV (with contacts)',
			...cells(D, D, D, D, D, A, A, D, D),
			run: get('/desk/figures/export?type=items')
		},
		{
			action: "open an item's slip /desk/item/<id>/slip",
			...cells(D, D, D, D, D, A, A, D, D),
			run: get(`/desk/item/${shown.id}/slip`)
		},
		{
			action: 'admin: create a kiosk (enrolment code)',
			...cells(D, D, D, D, D, D, A, D, D),
			run: post('/desk/admin?/createKiosk', () => {
				prefixes += 1;
				return {
					siteSlug: 'tieshiya',
					name: `矩阵机${prefixes}`,
					ticketPrefix: `Q${prefixes}`,
					paperMm: '58'
				};
			})
		},
		{
			action: 'admin: revoke a kiosk',
			...cells(D, D, D, D, D, D, A, D, D),
			run: async (who) => {
				prefixes += 1;
				const k = await core.fleet.createKiosk(admin, {
					siteSlug: 'tieshiya',
					name: `待吊销${prefixes}`,
					ticketPrefix: `W${prefixes}`,
					paperMm: 58
				});
				if (!k.ok) throw new Error(k.message);
				return post('/desk/admin?/revokeKiosk', { kioskId: String(k.value.kioskId) })(who);
			}
		},
		{
			action: "admin: reset a member's PIN",
			...cells(D, D, D, D, D, D, A, D, D),
			run: post('/desk/admin?/resetPin', { memberId: String(pinMember!.id), pin: '5678' })
		},
		{
			action: "desk: set a station service's state",
			...cells(D, D, D, D, D, A, A, D, D),
			run: post('/desk/stations?/state', {
				serviceId: String(service!.id),
				state: 'busy',
				note: ''
			})
		},
		{
			action: "admin: set a station's kiosk PIN",
			...cells(D, D, D, D, D, D, A, D, D),
			run: post('/desk/stations?/pin', { siteId: String(service!.site_id), pin: '2468' })
		},
		{
			action: 'desk socket: connect',
			...cells(D, D, D, D, D, A, A, D, D),
			run: async (who) => {
				const { refused } = await tryConnect(base, deskAuth(who), who.cookie);
				return judgeAck({ ok: true }, refused);
			}
		},
		{
			action: 'desk socket: desk:item (with the contact)',
			...cells(D, D, D, D, D, A, A, D, D),
			run: onDesk('desk:item', async () => ({ wishId: shown.id }))
		},
		{
			action: 'desk socket: dispatch a report to a post',
			...cells(D, D, D, D, D, A, A, D, D),
			run: onDesk('desk:dispatch', async () => ({
				wishId: (await submit({ kind: 'report', category: 'repair' })).id,
				to: { type: 'post', postId: 1 }
			}))
		},
		{
			action: 'kiosk socket: connect and wish:submit',
			...cells(D, A, D, D, D, D, D, D, D),
			run: async (who) => {
				const { socket: s, refused } = await tryConnect(base, kioskAuth(who), who.cookie);
				if (refused) return judgeAck(null, refused);
				counter += 1;
				const wish = makeWish(hello.ticketPrefix, counter);
				return judgeAck(await emitAck(s, 'wish:submit', wish), null);
			}
		},
		{
			action: "kiosk socket: a wish numbered with another kiosk's prefix, or the hub's DK-/WX-",
			...cells(D, D, D, D, D, D, D, D, D),
			run: async (who) => {
				const { socket: s, refused } = await tryConnect(base, kioskAuth(who), who.cookie);
				if (refused) return judgeAck(null, refused);
				counter += 1;
				const foreign = ['B', 'C', 'DK', 'WX'].find((p) => p !== hello.ticketPrefix)!;
				const wish = makeWish(hello.ticketPrefix, counter, {
					ticketNo: formatTicket(foreign, counter)
				});
				return judgeAck(await emitAck(s, 'wish:submit', wish), null);
			}
		},
		{
			action: 'GET a voice clip by device token or session alone',
			...cells(D, A, D, D, D, D, D, D, D),
			run: get(`/api/voice/${voiced.id}`)
		},
		{
			action: "GET a voice clip with the wish's claim code",
			...cells(A, A, A, A, A, A, A, A, A),
			run: get(`/api/voice/${voiced.id}?code=${voiced.claimCode}`)
		},
		{
			action: 'GET a completion photo without the track code',
			...cells(D, D, D, A, D, D, D, D, D),
			run: get(`/api/photos/${photoId}`)
		},
		{
			action: 'GET a completion photo with the track code',
			...cells(A, A, A, A, A, A, A, A, A),
			run: get(`/api/photos/${photoId}?t=${photographed.trackCode}`)
		},
		{
			action: 'upload a photo for a wish DY001 holds',
			...cells(D, D, D, A, D, D, D, D, D),
			run: async (who) =>
				judge(
					await http.post(`/api/photos?c=${shown.claimCode}`, {
						data: photoPng(),
						headers: { 'content-type': 'application/octet-stream', ...headersOf(who) }
					})
				)
		},
		{
			action: "see the resident's phone on /c/<code>",
			...cells(D, D, D, A, D, D, D, D, D),
			run: async (who) => {
				const r = await get(`/c/${shown.claimCode}`)(who);
				const sees = r.body.includes(SECRET_PHONE);
				return { ...r, allowed: r.allowed && sees, detail: `${r.detail}, phone shown: ${sees}` };
			}
		},
		{
			action: 'claim an open micro-wish (field workers are not party members)',
			...cells(D, D, D, A, A, D, D, D, D),
			run: onFresh(submit, (w, who) => post(`/c/${w.claimCode}?/claim`, {})(who))
		},
		{
			action: 'report contact on a wish DY001 holds',
			...cells(D, D, D, A, D, D, D, D, D),
			run: onFresh(held, (w, who) => post(`/c/${w.claimCode}?/contact`, { note: '' })(who))
		},
		{
			action: 'release a wish DY001 holds',
			...cells(D, D, D, A, D, D, D, D, D),
			run: onFresh(held, (w, who) =>
				post(`/c/${w.claimCode}?/release`, { reason: '临时有事' })(who)
			)
		},
		{
			action: 'open /t/<code> with the right code (never the contact)',
			...cells(A, A, A, A, A, A, A, A, A),
			run: async (who) => {
				const r = await get(`/t/${tracked.trackCode}`)(who);
				if (r.body.includes(SECRET_PHONE) || r.body.includes(SECRET_NAME))
					return { ...r, allowed: false, detail: 'the track page shows the contact' };
				return { ...r, allowed: r.allowed && r.body.includes(tracked.text) };
			}
		},
		{
			action: 'open /t/<code> with a wrong code',
			...cells(D, D, D, D, D, D, D, D, D),
			run: async (who) => {
				const r = await get('/t/abcdefghjkmnp')(who);
				const found = !r.body.includes('data-testid="not-found"');
				return { ...r, allowed: r.allowed && found, detail: `${r.detail}, found: ${found}` };
			}
		},
		...(await fieldRows(hub, base, http, admin)),
		...(await pairingRows(hub, http, get))
	];
}

/** The session token a role's member cookie carries, if it has one. */
function memberToken(who: Who): string | null {
	const prefix = `${MEMBER_COOKIE}=`;
	return who.cookie?.startsWith(prefix) ? who.cookie.slice(prefix.length) : null;
}

/** The contact of the reports CG01 accepted, apart from the secret one of the waiting report. */
const TAKEN_CONTACT = { contactName: '周秀兰', contactPhone: '13700004321' };

/** /f's answers: 2xx is allowed; 401/403/404, or the way to the phone sign-in (/m), refused. */
async function judgeField(res: APIResponse): Promise<Result> {
	const status = res.status();
	const body = await res.text();
	const location = res.headers().location ?? '';
	const detail = `${status}${location ? ` → ${location}` : ''}`;
	if (status >= 200 && status < 300) return { allowed: true, detail, body };
	if ([401, 403, 404].includes(status) || (status === 303 && location.startsWith('/m?')))
		return { allowed: false, detail, body };
	throw new Error(`unexpected answer ${detail}: ${body.slice(0, 300)}`);
}

/**
 * The field chain (DESIGN.md §11): a report sent to 城市管理岗 is on its workers' /f list only,
 * its resident's contact is shown only to the one who accepted it, only that post's workers may
 * accept it (and only the one who did may say 已到场), and a refused step writes nothing. The
 * field socket takes a phone session of a worker of some post, nobody else.
 */
async function fieldRows(
	hub: Hub,
	base: string,
	http: APIRequestContext,
	admin: Parameters<Hub['core']['dispatch']['dispatch']>[0]
): Promise<Row[]> {
	const core = hub.core;
	// A kiosk of another site makes these reports, so the main kiosk stays under its wish limit.
	const other = core.demoKiosks.find((k) => k.site === 'tieshiya');
	if (!other) throw new Error('no demo kiosk at 铁石垭村');
	const { socket, hello } = await kioskSocket(base, other.token);
	let counter = hello.lastTicket;
	const crew = await core.db.get<{ id: number }>("SELECT id FROM posts WHERE name = '城市管理岗'");
	if (!crew) throw new Error('no 城市管理岗 in the demo');
	const cg01 = await core.members.signIn('CG01', DEMO_MEMBER_PIN);
	if (!cg01.ok) throw new Error('CG01 could not sign in');

	const seqOf = async (wishId: string) =>
		(await core.db.get<{ seq: number }>('SELECT seq FROM wishes WHERE id = ?', [wishId]))!.seq;
	const eventsOf = async (wishId: string) =>
		(await core.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE wish_id = ?', [
			wishId
		]))!.n;

	/** A report (with the secret contact, or another) the desk sent to 城市管理岗 for the work. */
	const sentToCrew = async (contact: Partial<WishSubmit> = {}) => {
		counter += 1;
		const wish = makeWish(hello.ticketPrefix, counter, {
			kind: 'report',
			category: 'lights',
			...contact
		});
		const ack = await emitAck(socket, 'wish:submit', wish);
		if (!(ack as { ok?: boolean }).ok) throw new Error(`fixture refused: ${JSON.stringify(ack)}`);
		const sent = await core.dispatch.dispatch(admin, {
			wishId: wish.id,
			to: { type: 'post', postId: crew.id },
			step: 'work',
			note: ''
		});
		if (!sent.ok) throw new Error(`fixture dispatch failed: ${JSON.stringify(sent)}`);
		return wish;
	};
	/**
	 * The same, accepted by CG01, with a contact of its own: CG01's list shows it, and the
	 * refusals below must still be free of the waiting report's contact.
	 */
	const takenByCG01 = async () => {
		const wish = await sentToCrew(TAKEN_CONTACT);
		const r = await core.field.accept(cg01.token, { wishId: wish.id, seq: await seqOf(wish.id) });
		if (!r.ok) throw new Error(`fixture accept failed: ${r.error}`);
		return wish;
	};

	/** The role's /f page (its list, with the data the page was rendered from). */
	const fieldPage = async (who: Who) =>
		judgeField(await http.get('/f', { headers: headersOf(who), maxRedirects: 0 }));
	/** A step posted from /f as a browser without scripts posts it; refused, it writes nothing. */
	const fieldStep = (action: string) => async (wish: WishSubmit, who: Who) => {
		const before = [await seqOf(wish.id), await eventsOf(wish.id)];
		const r = await judgeField(
			await form(
				http,
				base,
				`/f?/${action}`,
				{ wishId: wish.id, seq: String(before[0]) },
				headersOf(who)
			)
		);
		const after = [await seqOf(wish.id), await eventsOf(wish.id)];
		if (!r.allowed && before.join() !== after.join())
			throw new Error(`${action} as ${who.role}: refused, yet written ${before} → ${after}`);
		if (r.allowed && before.join() === after.join())
			return { ...r, allowed: false, detail: `${r.detail}, but nothing was written` };
		return r;
	};
	/** One fixture per success, as onFresh in the table above. */
	const fresh = (
		make: () => Promise<WishSubmit>,
		run: (w: WishSubmit, who: Who) => Promise<Result>
	) => {
		let current: WishSubmit | null = null;
		return async (who: Who) => {
			current ??= await make();
			const r = await run(current, who);
			if (r.allowed) current = null;
			return r;
		};
	};

	const waiting = await sentToCrew();
	const taken = await takenByCG01();

	return [
		{
			action: "/f: a report sent to 城市管理岗 is on its workers' list only",
			...cells(D, D, D, D, D, D, D, A, D),
			run: async (who) => {
				const r = await fieldPage(who);
				const listed = r.body.includes(waiting.text);
				return { ...r, allowed: r.allowed && listed, detail: `${r.detail}, listed: ${listed}` };
			}
		},
		{
			action: "/f: the resident's contact before anyone accepted",
			...cells(D, D, D, D, D, D, D, D, D),
			run: async (who) => {
				const r = await fieldPage(who);
				// The page and the data it was rendered from hold no contact of the waiting report.
				const sees = r.body.includes(SECRET_PHONE) || r.body.includes(SECRET_NAME);
				return { ...r, allowed: r.allowed && sees, detail: `${r.detail}, contact: ${sees}` };
			}
		},
		{
			action: "/f?item=<id>: the resident's contact once CG01 accepted",
			...cells(D, D, D, D, D, D, D, A, D),
			run: async (who) => {
				const r = await judgeField(
					await http.get(`/f?item=${taken.id}`, { headers: headersOf(who), maxRedirects: 0 })
				);
				const sees = r.body.includes(TAKEN_CONTACT.contactPhone);
				return { ...r, allowed: r.allowed && sees, detail: `${r.detail}, contact: ${sees}` };
			}
		},
		{
			action: '/f ?/accept: a report sent to 城市管理岗 (others: refused, nothing written)',
			...cells(D, D, D, D, D, D, D, A, D),
			run: fresh(sentToCrew, fieldStep('accept'))
		},
		{
			action: '/f ?/arrive: 已到场 on a report CG01 accepted (others: refused, nothing written)',
			...cells(D, D, D, D, D, D, D, A, D),
			run: fresh(takenByCG01, fieldStep('arrive'))
		},
		{
			action: "field socket: connect (no posts: 'forbidden'; no phone session: 'unauthorized')",
			...cells(D, D, D, D, D, D, D, A, A),
			run: async (who) => {
				const { refused } = await tryConnect(
					base,
					{ role: 'field', protocol: PROTOCOL_VERSION },
					who.cookie
				);
				const want = memberToken(who) ? 'forbidden' : 'unauthorized';
				if (refused && refused !== want)
					throw new Error(`field socket as ${who.role}: refused with ${refused}, not ${want}`);
				return judgeAck({ ok: true }, refused);
			}
		}
	];
}

/**
 * 结对帮扶: a demo household paired with DY001 (the "member" role). Its details, visits and visit
 * photos are for staff and DY001 only; a refusal must not hold the household's name or phone.
 */
async function pairingRows(
	hub: Hub,
	http: APIRequestContext,
	get: (path: string) => (who: Who) => Promise<Result>
): Promise<Row[]> {
	const core = hub.core;
	const home = (await core.store.households.listHouseholds()).find((h) => h.head_name === '郭德明');
	if (!home || home.member_no !== 'DY001')
		throw new Error('the demo household of DY001 is missing');
	const holder = await core.members.signIn('DY001', DEMO_MEMBER_PIN);
	if (!holder.ok) throw new Error('DY001 could not sign in');
	const photo = await core.pairing.storeVisitPhoto(holder.token, home.id, photoPng());
	if (!photo.ok) throw new Error(`fixture photo refused: ${photo.message}`);
	const leaks = (body: string) => body.includes(home.head_name) || body.includes(home.phone);
	return [
		{
			action: "open /h/<door-code>: the household's visit form",
			...cells(D, D, D, A, D, D, D, D, D),
			run: async (who) => {
				const res = await http.get(`/h/${home.door_code}`, {
					headers: headersOf(who),
					maxRedirects: 0
				});
				const body = await res.text();
				const shows = res.status() === 200 && body.includes(home.head_name);
				if (!shows && leaks(body)) throw new Error(`/h as ${who.role} leaks the household`);
				return { allowed: shows, detail: `${res.status()}, shown: ${shows}`, body };
			}
		},
		{
			action: 'log a visit to a household DY001 is paired with',
			...cells(D, D, D, A, D, D, D, D, D),
			run: async (who) => {
				const r = await core.pairing.logVisit(memberToken(who), {
					householdId: home.id,
					byCard: false,
					kinds: ['生活照料'],
					note: '',
					photoIds: [],
					needs: []
				});
				return judgeAck(r, null);
			}
		},
		{
			action: 'upload a visit photo for a household DY001 is paired with',
			...cells(D, D, D, A, D, D, D, D, D),
			run: async (who) =>
				judge(
					await http.post(`/api/photos?h=${home.id}`, {
						data: photoPng(),
						headers: { 'content-type': 'application/octet-stream', ...headersOf(who) }
					})
				)
		},
		{
			action: 'GET a visit photo (the member who took it, or staff)',
			...cells(D, D, D, A, D, A, A, D, D),
			run: get(`/api/photos/${photo.value.id}`)
		},
		{
			action: "open /desk/households/<id> (the household's page)",
			...cells(D, D, D, D, D, A, A, D, D),
			run: async (who) => {
				const r = await get(`/desk/households/${home.id}`)(who);
				const shows = r.allowed && r.body.includes(home.head_name);
				return { ...r, allowed: shows, detail: `${r.detail}, shown: ${shows}` };
			}
		}
	];
}
