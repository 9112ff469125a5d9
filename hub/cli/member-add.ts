/**
 * `npm run member:add -- --no DY013 --name 张三 --site shuanglong [--phone 139…] [--skills 维修,农技]
 * [--pin 123456]`: adds a party member / volunteer who can then sign in at /m. Without --pin a
 * random 6-digit PIN is made and printed once. Safe while the hub runs (SQLite WAL).
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { ContactNameSchema, ContactPhoneSchema } from '../../shared/schemas/wishes.ts';
import { MemberNoSchema, PinSchema } from '../../shared/schemas/members.ts';
import { configFromEnv } from '../config.ts';
import { openSqliteStore } from '../db/store.ts';
import { createMemberService } from '../services/members.ts';

const USAGE =
	'usage: npm run member:add -- --no DY013 --name 张三 --site shuanglong [--phone 13900000000] [--skills 维修,农技] [--pin 123456]';

function fail(message: string): never {
	console.error(`${message}\n${USAGE}`);
	process.exit(2);
}

const { values } = parseArgs({
	options: {
		no: { type: 'string' },
		name: { type: 'string' },
		site: { type: 'string' },
		phone: { type: 'string', default: '' },
		skills: { type: 'string', default: '' },
		pin: { type: 'string' }
	}
});

const memberNo = v.safeParse(MemberNoSchema, values.no ?? '');
if (!memberNo.success) fail('--no: a member number of 2–16 letters and digits, e.g. DY013');
const name = v.safeParse(ContactNameSchema, (values.name ?? '').trim());
if (!name.success || name.output === '') fail('--name: the display name (up to 20 characters)');
if (!values.site) fail('--site: the slug of the member’s home site, e.g. shuanglong');
if (!v.is(ContactPhoneSchema, values.phone)) fail('--phone: 7 to 12 digits');
const pin = values.pin ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
if (!v.is(PinSchema, pin)) fail('--pin: 4 to 6 digits');

const config = configFromEnv();
const { store } = await openSqliteStore(config.dataDir);
try {
	const members = createMemberService({ store });
	const r = await members.create({
		memberNo: memberNo.output,
		displayName: name.output,
		phone: values.phone,
		siteSlug: values.site,
		skills: values.skills,
		pin
	});
	if (!r.ok) {
		console.error(`Not added: ${r.message}`);
		process.exitCode = 1;
	} else {
		console.log(`Added ${r.value.displayName} (${r.value.memberNo}) at ${r.value.siteName}.`);
		if (!values.pin) console.log(`PIN: ${pin}  (shown only now; the member signs in at /m)`);
	}
} finally {
	await store.close();
}
