/** Environment → typed config, validated once at start. */
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import * as v from 'valibot';
import type { NeedVoteRules } from '../shared/domain/needs.ts';
import type { Rate } from './infra/rate-limit.ts';

const RATE = /^(\d{1,6})\/(\d{1,6})$/;
const rateVar = (name: string) =>
	v.optional(
		v.pipe(v.string(), v.regex(/^(0|\d{1,6}\/\d{1,6})$/, `${name} must be <count>/<seconds> or 0`))
	);

const EnvSchema = v.object({
	PORT: v.optional(v.pipe(v.string(), v.regex(/^\d{1,5}$/, 'PORT must be a number')), '3000'),
	HOST: v.optional(v.string(), '0.0.0.0'),
	WISHWALL_DATA: v.optional(v.string(), './data'),
	PUBLIC_URL: v.optional(
		v.pipe(v.string(), v.url('PUBLIC_URL must be a URL such as https://xyq.example.cn'))
	),
	WISHWALL_DEMO: v.optional(v.picklist(['0', '1']), '1'),
	WISHWALL_TLS_CERT: v.optional(v.string()),
	WISHWALL_TLS_KEY: v.optional(v.string()),
	WISHWALL_BUILD: v.optional(v.string(), './build'),
	WISHWALL_ADMIN_PASSWORD: v.optional(
		v.pipe(v.string(), v.minLength(10, 'WISHWALL_ADMIN_PASSWORD must have at least 10 characters'))
	),
	WISHWALL_AUTO_RELEASE_HOURS: v.optional(
		v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/, 'WISHWALL_AUTO_RELEASE_HOURS must be a number'))
	),
	WISHWALL_PHONE_LIMIT: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{1,5}\/\d{1,6}$/, 'WISHWALL_PHONE_LIMIT must be <count>/<seconds>')
		)
	),
	WISHWALL_BACKUP_KEEP: v.optional(
		v.pipe(v.string(), v.regex(/^[1-9]\d{0,3}$/, 'WISHWALL_BACKUP_KEEP must be a number from 1'))
	),
	WISHWALL_CLIP_KIOSK_LIMIT: rateVar('WISHWALL_CLIP_KIOSK_LIMIT'),
	WISHWALL_CLIP_KIOSK_MB: v.optional(
		v.pipe(v.string(), v.regex(/^\d{1,5}$/, 'WISHWALL_CLIP_KIOSK_MB must be a whole number of MB'))
	),
	WISHWALL_NEED_GAP_SECONDS: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{1,5}$/, 'WISHWALL_NEED_GAP_SECONDS must be a whole number of seconds')
		)
	),
	WISHWALL_NEED_DAILY_CAP: v.optional(
		v.pipe(v.string(), v.regex(/^[1-9]\d{0,5}$/, 'WISHWALL_NEED_DAILY_CAP must be a number from 1'))
	),
	WISHWALL_ORPHAN_HOURS: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{1,4}(\.\d+)?$/, 'WISHWALL_ORPHAN_HOURS must be a number of hours')
		)
	),
	WISHWALL_KIOSK_LIMIT: rateVar('WISHWALL_KIOSK_LIMIT'),
	WISHWALL_KIOSK_REPLAY_LIMIT: rateVar('WISHWALL_KIOSK_REPLAY_LIMIT'),
	WISHWALL_SIGNIN_IP_LIMIT: rateVar('WISHWALL_SIGNIN_IP_LIMIT'),
	WISHWALL_CODE_IP_LIMIT: rateVar('WISHWALL_CODE_IP_LIMIT')
});

/** Per-kiosk submission limits (per device, across all its connections); null = no limit. */
export interface KioskLimits {
	/** `wish:submit`, one wish each: a person needs ≥ 30 s per wish, so 20 a minute is plenty. */
	submit: Rate | null;
	/**
	 * `wish:submitBatch`, counted per wish: the outbox path, which the kiosk also uses for live
	 * wishes. The bucket is big enough for a day offline (≤ 2,000 queued) to go out in one go.
	 */
	replay: Rate | null;
}

export const DEFAULT_KIOSK_LIMITS: KioskLimits = {
	submit: { count: 20, perMs: 60_000 },
	replay: { count: 5_000, perMs: 3_600_000 }
};

/** Per-address limits on failures; null = no limit. Counted in memory by each hub process. */
export interface IpLimits {
	/**
	 * Failed member PIN or desk password sign-ins from one address (each kind counted apart),
	 * whatever the account: one address trying PIN 1234 on every member number stops here.
	 */
	signIn: Rate | null;
	/** Unknown claim or track codes looked up from one address; codes that exist do not count. */
	codeMisses: Rate | null;
}

export const DEFAULT_IP_LIMITS: IpLimits = {
	signIn: { count: 20, perMs: 15 * 60_000 },
	codeMisses: { count: 30, perMs: 10 * 60_000 }
};

/** `<count>/<seconds>` → a rate; `0` → no limit; absent → the default. */
function parseRate(raw: string | undefined, fallback: Rate | null): Rate | null {
	if (raw === undefined) return fallback;
	const m = RATE.exec(raw);
	if (!m || Number(m[1]) === 0 || Number(m[2]) === 0) return null;
	return { count: Number(m[1]), perMs: Number(m[2]) * 1000 };
}

/** Phone-page wishes (/w/<site>) allowed per address per window. */
export interface PhoneLimit {
	max: number;
	windowMs: number;
}

export const DEFAULT_PHONE_LIMIT: PhoneLimit = { max: 5, windowMs: 600_000 };

/**
 * Voice clips a kiosk may upload: how many, and how many bytes, per hour (null: no limit). A
 * kiosk uploads one clip per voice wish, a few an hour; a stolen token must not fill the disk.
 */
export interface ClipLimits {
	count: Rate | null;
	bytes: Rate | null;
}

export const DEFAULT_CLIP_LIMITS: ClipLimits = {
	count: { count: 120, perMs: 3_600_000 },
	bytes: { count: 100 * 1024 * 1024, perMs: 3_600_000 }
};

/** A clip or photo whose wish has not arrived (or was never used) this long is deleted. */
export const DEFAULT_ORPHAN_MS = 24 * 3_600_000;

/** Backups kept (automatic and `npm run backup` alike) when WISHWALL_BACKUP_KEEP is not set. */
export const DEFAULT_BACKUP_KEEP = 14;

export interface HubConfig {
	port: number;
	host: string;
	dataDir: string;
	/** Base for QR links; when absent it is derived from the listening address. */
	publicUrl: string | null;
	/** Load the demo township into an empty database. */
	demo: boolean;
	tls: { cert: string; key: string } | null;
	/** Where adapter-node's output lives; the hub serves the app from there. */
	buildDir: string;
	/** The desk's "admin" password; without it the first start makes a one-time one. */
	adminPassword?: string;
	/** A member's claim with no progress this long goes back to the wall (default 72 h). */
	autoRelease?: { afterMs: number };
	/** Absent: DEFAULT_KIOSK_LIMITS. */
	kioskLimits?: KioskLimits;
	/** Absent: DEFAULT_IP_LIMITS. */
	ipLimits?: IpLimits;
	/** Absent: DEFAULT_PHONE_LIMIT. */
	phoneLimit?: PhoneLimit;
	/** How many backups to keep; absent: DEFAULT_BACKUP_KEEP. */
	backupKeep?: number;
	/** Automatic backups while the hub runs; 0 turns them off. Absent: daily. */
	backupEveryMs?: number;
	/** Absent: DEFAULT_CLIP_LIMITS. */
	clipLimits?: ClipLimits;
	/** Absent: DEFAULT_ORPHAN_MS. */
	orphanAfterMs?: number;
	/** The kiosk's "我也需要" rule (shared/domain/needs.ts); absent parts: DEFAULT_VOTE_RULES. */
	needVotes?: Partial<NeedVoteRules>;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): HubConfig {
	const parsed = v.safeParse(EnvSchema, env);
	if (!parsed.success) {
		// Each problem names its variable, whatever valibot's own message says.
		const problems = parsed.issues.map((i) => {
			const name = String(i.path?.[0]?.key ?? '');
			return i.message.includes(name) ? i.message : `${name}: ${i.message}`;
		});
		throw new Error(`Bad configuration: ${problems.join('; ')}`);
	}
	const e = parsed.output;
	if (Boolean(e.WISHWALL_TLS_CERT) !== Boolean(e.WISHWALL_TLS_KEY)) {
		throw new Error(
			'Bad configuration: set both WISHWALL_TLS_CERT and WISHWALL_TLS_KEY, or neither'
		);
	}
	return {
		port: Number(e.PORT),
		host: e.HOST,
		dataDir: resolve(e.WISHWALL_DATA),
		publicUrl: e.PUBLIC_URL?.replace(/\/$/, '') ?? null,
		demo: e.WISHWALL_DEMO === '1',
		tls:
			e.WISHWALL_TLS_CERT && e.WISHWALL_TLS_KEY
				? { cert: e.WISHWALL_TLS_CERT, key: e.WISHWALL_TLS_KEY }
				: null,
		buildDir: resolve(e.WISHWALL_BUILD),
		...(e.WISHWALL_ADMIN_PASSWORD ? { adminPassword: e.WISHWALL_ADMIN_PASSWORD } : {}),
		...(e.WISHWALL_AUTO_RELEASE_HOURS
			? { autoRelease: { afterMs: Number(e.WISHWALL_AUTO_RELEASE_HOURS) * 3600_000 } }
			: {}),
		kioskLimits: {
			submit: parseRate(e.WISHWALL_KIOSK_LIMIT, DEFAULT_KIOSK_LIMITS.submit),
			replay: parseRate(e.WISHWALL_KIOSK_REPLAY_LIMIT, DEFAULT_KIOSK_LIMITS.replay)
		},
		ipLimits: {
			signIn: parseRate(e.WISHWALL_SIGNIN_IP_LIMIT, DEFAULT_IP_LIMITS.signIn),
			codeMisses: parseRate(e.WISHWALL_CODE_IP_LIMIT, DEFAULT_IP_LIMITS.codeMisses)
		},
		phoneLimit: e.WISHWALL_PHONE_LIMIT
			? {
					max: Number(e.WISHWALL_PHONE_LIMIT.split('/')[0]),
					windowMs: Number(e.WISHWALL_PHONE_LIMIT.split('/')[1]) * 1000
				}
			: DEFAULT_PHONE_LIMIT,
		backupKeep: e.WISHWALL_BACKUP_KEEP ? Number(e.WISHWALL_BACKUP_KEEP) : DEFAULT_BACKUP_KEEP,
		clipLimits: {
			count: parseRate(e.WISHWALL_CLIP_KIOSK_LIMIT, DEFAULT_CLIP_LIMITS.count),
			bytes:
				e.WISHWALL_CLIP_KIOSK_MB === undefined
					? DEFAULT_CLIP_LIMITS.bytes
					: e.WISHWALL_CLIP_KIOSK_MB === '0'
						? null
						: { count: Number(e.WISHWALL_CLIP_KIOSK_MB) * 1024 * 1024, perMs: 3_600_000 }
		},
		orphanAfterMs: e.WISHWALL_ORPHAN_HOURS
			? Number(e.WISHWALL_ORPHAN_HOURS) * 3_600_000
			: DEFAULT_ORPHAN_MS,
		needVotes: {
			...(e.WISHWALL_NEED_GAP_SECONDS
				? { kioskGapMs: Number(e.WISHWALL_NEED_GAP_SECONDS) * 1000 }
				: {}),
			...(e.WISHWALL_NEED_DAILY_CAP ? { kioskDailyCap: Number(e.WISHWALL_NEED_DAILY_CAP) } : {})
		}
	};
}

/** The first non-internal IPv4 address, so printed QR links work from phones on the LAN. */
export function lanAddress(): string | null {
	for (const list of Object.values(networkInterfaces())) {
		for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
	}
	return null;
}

export function derivePublicUrl(config: HubConfig, port: number): string {
	if (config.publicUrl) return config.publicUrl;
	const scheme = config.tls ? 'https' : 'http';
	const host =
		config.host === '0.0.0.0' || config.host === '::' ? (lanAddress() ?? 'localhost') : config.host;
	return `${scheme}://${host}:${port}`;
}
