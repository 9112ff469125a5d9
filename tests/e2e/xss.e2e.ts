/**
 * Stored XSS, end to end in Chromium: markup typed by a resident (wish text, contact name) or by a
 * member (progress note) must come back as text on every page that shows it, never as markup.
 * The wishes go in the way a kiosk sends them (socket.io with the device token), the note the way
 * a member's phone posts it.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_DISPATCHER } from '../../hub/demo/seed.ts';
import { makeWish } from '../helpers/wishes.ts';
import type { WishSubmit } from '../../shared/schemas/wishes.ts';
import { phone, signIn } from './claim-helpers.ts';
import { DESK_VIEWPORT, signInDesk } from './desk-helpers.ts';
import { centerKiosk, hubDb, kioskAddress, LANDSCAPE } from './kiosk-helpers.ts';
import { closeSockets, emitAck, kioskSocket } from './socket-helpers.ts';

const PAYLOADS = [
	'<img src=x onerror=alert(1)>',
	'<script>alert(2)</script>',
	'"><svg onload=alert(3)>',
	'<a href="javascript:alert(4)">点我</a>'
];
// MAX_NAME is 20 characters: the longest script-bearing tag that fits.
const NAME = '<svg onload=alert()>';
const TEXT = `${PAYLOADS.join(' ')} javascript:alert(5) 请帮忙`;
const NOTE = `${PAYLOADS[2]} 已电话联系 ${PAYLOADS[0]} javascript:alert(6)`;
const RLO = '\u202e';

// 三居社区 (F) and its member DY010: no other browser test uses them, so the extra cards and the
// claim disturb nobody's expectations.
const KIOSK = centerKiosk(5);
const MEMBER = 'DY010';

/** Anything the payloads could have turned into, had they been parsed as markup. */
const INJECTED = '[onerror], [onload], img[src="x"], a[href^="javascript:" i]';

test.afterEach(closeSockets);

/** Every dialog any page opens lands here; the test ends by asserting there were none. */
const dialogs: string[] = [];

function watch(page: Page): Page {
	page.on('dialog', (d) => {
		dialogs.push(`${page.url()}: ${d.type()} ${d.message()}`);
		void d.dismiss();
	});
	return page;
}

async function newPage(browser: Browser, viewport = LANDSCAPE): Promise<Page> {
	return watch(await (await browser.newContext({ viewport })).newPage());
}

/**
 * Scripts that came from the payloads. Page data is inlined in a script for hydration, payload
 * text included: fine while it stays a string there (no raw tag) and no script of its own exists.
 */
function payloadScripts(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.scripts]
			.map((s) => s.textContent)
			.filter((t) => t.trim() === 'alert(2)' || t.includes('<script>alert(2)'))
	);
}

/** Nothing from the payloads became an element or ran. */
async function expectInert(page: Page): Promise<void> {
	await expect(page.locator(INJECTED)).toHaveCount(0);
	expect(await payloadScripts(page)).toEqual([]);
	expect(dialogs).toEqual([]);
}

test('the checks see markup that does run', async ({ browser }) => {
	// Without this, a detector that never matches would pass every page below.
	const page = await (await browser.newContext()).newPage();
	const seen: string[] = [];
	page.on('dialog', (d) => {
		seen.push(d.message());
		void d.dismiss();
	});
	await page.setContent(`<p>${PAYLOADS.join(' ')}</p>`);
	await expect(page.locator(INJECTED)).toHaveCount(3);
	expect(await payloadScripts(page)).toHaveLength(1);
	await expect.poll(() => seen.length).toBeGreaterThan(0);
	await page.context().close();
});

test('markup in a wish, a contact name and a progress note renders as text on every page', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const base = baseURL!;
	const { socket, hello } = await kioskSocket(base, KIOSK.token);
	let counter = hello.lastTicket;
	const send = async (overrides: Partial<WishSubmit>) => {
		counter += 1;
		const wish = makeWish(hello.ticketPrefix, counter, { ...overrides });
		return { wish, ack: await emitAck(socket, 'wish:submit', wish) };
	};

	// One card per payload, short enough for the wall's 40-character excerpt to show it whole.
	for (const text of PAYLOADS) {
		expect(await send({ text, contactName: NAME })).toMatchObject({ ack: { ok: true } });
	}
	const { wish, ack } = await send({ text: TEXT, contactName: NAME });
	expect(ack).toMatchObject({ ok: true });

	// A bidi override could make the desk read a text backwards: refused at the boundary.
	for (const bad of [{ text: `退款${RLO}元0001` }, { contactName: `郭${RLO}国` }]) {
		const refused = await send(bad);
		expect(refused.ack).toMatchObject({ ok: false, error: 'invalid_payload' });
		const row = await (await hubDb()).get('SELECT id FROM wishes WHERE id = ?', [refused.wish.id]);
		expect(row).toBeUndefined();
	}

	// The kiosk wall.
	const wall = await newPage(browser);
	await wall.goto(kioskAddress(KIOSK));
	await expect(wall.getByTestId('wall-cards')).toBeVisible();
	for (const text of PAYLOADS) {
		await expect(wall.getByTestId('wish-card').getByText(text, { exact: true })).toBeVisible();
	}
	await expectInert(wall);

	// The member signs in, opens the claim QR, claims, and reports contact with a marked-up note.
	const member = watch(await phone(browser));
	await member.goto('/m');
	await signIn(member, MEMBER);
	await expect(member.getByTestId('hello')).toBeVisible();
	await member.goto(`/c/${wish.claimCode}`);
	await expect(member.getByTestId('wish-text')).toHaveText(TEXT);
	await member.getByTestId('claim').click();
	await expect(member.getByTestId('contact-name')).toHaveText(NAME);
	await member.locator('#step-note').fill(NOTE);
	await member.getByTestId('step-contact').click();
	await expect(member.getByTestId('wish-status')).toHaveText('已联系');
	// A note with a bidi override is refused and the wish stays where it was.
	await member.locator('#step-note').fill(`已办${RLO}完`);
	await member.getByTestId('step-start').click();
	await expect(member.getByTestId('outcome')).toHaveClass(/bad/);
	await expect(member.getByTestId('wish-status')).toHaveText('已联系');
	await expectInert(member);

	// The resident's track page, with the note in the timeline.
	const resident = watch(await phone(browser));
	await resident.goto(`/t/${wish.trackCode}`);
	await expect(resident.getByTestId('wish-text')).toHaveText(TEXT);
	await expect(resident.getByText(NOTE)).toBeVisible();
	await expectInert(resident);

	// The desk: queue row, item view (contact and history) and the slip it reprints.
	const desk = await newPage(browser, DESK_VIEWPORT);
	await signInDesk(desk, base, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	await desk.getByTestId('view-active').click();
	const row = desk.locator(`[data-testid="queue-row"][data-ticket="${wish.ticketNo}"]`);
	await expect(row.getByText(TEXT)).toBeVisible();
	await expectInert(desk);
	await desk.goto(`/desk?item=${wish.id}`);
	const panel = desk.getByTestId('item-panel');
	await expect(panel.getByTestId('item-text')).toHaveText(TEXT);
	await expect(panel.getByTestId('item-contact')).toContainText(NAME);
	await expect(panel.getByTestId('timeline')).toContainText(NOTE);
	await expectInert(desk);
	await desk.goto(`/desk/item/${wish.id}/slip`);
	await expect(desk.getByText(TEXT)).toBeVisible();
	await expectInert(desk);
});
