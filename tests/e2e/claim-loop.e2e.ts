/**
 * The whole loop in real Chromium against the real hub: a resident submits at a kiosk and takes
 * the slip; a member scans its claim QR on a phone, signs in, claims (another kiosk's wall shows it
 * within a second), reports progress and finishes with a photo; the resident opens the slip's track
 * QR, sees the timeline and rates. A poor rating at the kiosk (ticket + phone digits) reopens it.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_DISPATCHER } from '../../hub/demo/seed.ts';
import { noPrintDialog, phone, photoPng, signIn, slipQr } from './claim-helpers.ts';
import { centerKiosk, hubDb, kioskAddress, PORTRAIT, shotPath } from './kiosk-helpers.ts';

test.setTimeout(180_000);

/** Submits a micro-wish with a contact through the kiosk's own screens; returns the ticket. */
async function submitAtKiosk(page: Page, text: string, name: string, phoneNo: string) {
	await page.getByTestId('start-wish').click();
	await page.getByTestId('category-care').click();
	await page.getByTestId('wish-text').fill(text);
	await page.getByTestId('next').click();
	await page.getByTestId('add-contact').click();
	await page.getByTestId('contact-name').fill(name);
	for (const digit of phoneNo) await page.getByTestId(`key-${digit}`).click();
	await page.getByTestId('contact-done').click();
	await page.getByTestId('submit').click();
	await expect(page.getByTestId('ticket')).toHaveText(/^[A-Z]-\d{4}$/);
	return (await page.getByTestId('ticket').textContent())!;
}

async function wishRow(ticket: string) {
	return (await hubDb()).get<{ id: string; status: string; rating: number | null }>(
		'SELECT id, status, rating FROM wishes WHERE ticket_no = ?',
		[ticket]
	);
}

async function satisfaction(page: Page): Promise<string> {
	await page.goto('/desk/figures');
	return (await page.getByTestId('figure-satisfaction').innerText()).replace(/\s+/g, ' ');
}

test('a slip’s claim QR leads a member from sign-in to 已完成 with a photo, and the resident rates it 5 on the track page', async ({
	browser,
	baseURL
}) => {
	const kioskCtx = await browser.newContext({ viewport: PORTRAIT });
	const kiosk = await kioskCtx.newPage();
	await noPrintDialog(kiosk);
	const wallCtx = await browser.newContext({ viewport: PORTRAIT });
	const wall = await wallCtx.newPage();
	const deskCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const desk = await deskCtx.newPage();

	await desk.goto('/desk/login?next=/desk/figures');
	await desk.getByTestId('login-username').fill(DEMO_DISPATCHER.username);
	await desk.getByTestId('login-password').fill(DEMO_DISPATCHER.password);
	await desk.getByTestId('login-submit').click();
	await expect(desk).toHaveURL(/\/desk\/figures$/);
	const satisfactionBefore = await satisfaction(desk);

	await kiosk.goto(kioskAddress(centerKiosk(0)));
	await wall.goto(kioskAddress(centerKiosk(1)));
	const text = `想请人帮忙修一下院门 ${Date.now()}`;
	const ticket = await submitAtKiosk(kiosk, text, '郭建国', '13912345678');
	const claimUrl = await slipQr(kiosk, 'claim');
	const trackUrl = await slipQr(kiosk, 'track');
	expect(claimUrl).toMatch(new RegExp(`^${baseURL}/c/[0-9a-z]{13}$`));
	expect(trackUrl).toMatch(new RegExp(`^${baseURL}/t/[0-9a-z]{13}$`));
	const card = wall.getByTestId('wish-card').filter({ hasText: text });
	await expect(card).toHaveAttribute('data-status', 'open');
	// The wall never shows the resident's contact.
	await expect(wall.getByText('13912345678')).toHaveCount(0);
	await expect(wall.getByText('郭建国')).toHaveCount(0);

	// Two members open the same QR; one of them will be too late.
	const member = await phone(browser);
	const late = await phone(browser);
	await member.goto(claimUrl);
	await expect(member.getByTestId('wish-text')).toHaveText(text);
	await expect(member.getByTestId('contact')).toHaveCount(0);
	await member.getByTestId('sign-in-to-claim').click();
	await signIn(member, 'DY001');
	// Back on the same wish after signing in.
	await expect(member).toHaveURL(claimUrl);
	await late.goto(claimUrl);
	await late.getByTestId('sign-in-to-claim').click();
	await signIn(late, 'DY002');
	await expect(late.getByTestId('claim')).toBeVisible();
	await member.screenshot({ path: shotPath('claim-phone-before'), fullPage: true });

	await member.getByTestId('claim').click();
	const claimedAt = Date.now();
	await expect(card).toHaveAttribute('data-status', 'claimed', { timeout: 1_000 });
	expect(Date.now() - claimedAt).toBeLessThan(1_000);
	await expect(card).toContainText('王建华');
	await expect(member.getByTestId('contact-name')).toHaveText('郭建国');
	await expect(member.getByTestId('call')).toHaveAttribute('href', 'tel:13912345678');
	await member.screenshot({ path: shotPath('claim-phone-claimed'), fullPage: true });

	// The late member is told kindly who has it, and sees no contact.
	await late.getByTestId('claim').click();
	await expect(late.getByTestId('outcome')).toHaveText(
		'这个心愿已被 王建华 认领了。谢谢您的热心，看看别的心愿吧！'
	);
	await expect(late.getByTestId('contact')).toHaveCount(0);
	await expect(late.getByText('13912345678')).toHaveCount(0);

	await member.getByTestId('step-contact').click();
	await expect(member.getByTestId('wish-status')).toHaveText('已联系');
	await member.getByTestId('step-start').click();
	await expect(member.getByTestId('wish-status')).toHaveText('进行中');
	await expect(card).toHaveAttribute('data-status', 'in_progress');
	// 已完成 needs a note.
	await member.getByTestId('step-resolve').click();
	await expect(member.getByTestId('wish-status')).toHaveText('进行中');
	await member.getByTestId('resolve-note').fill('院门的合页换好了，能关严了');
	await member
		.getByTestId('photo')
		.setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: photoPng() });
	await member.getByTestId('step-resolve').click();
	await expect(member.getByTestId('outcome')).toHaveText('已完成，谢谢您！居民现在可以评价了');
	await expect(member.getByTestId('wish-status')).toHaveText('已完成');
	await expect(card).toHaveAttribute('data-status', 'resolved');
	await member.screenshot({ path: shotPath('claim-phone-done'), fullPage: true });

	// The resident, with the slip's track QR on their own phone.
	const resident = await phone(browser);
	await resident.goto(trackUrl);
	for (const step of ['submitted', 'claimed', 'in_progress', 'resolved'])
		await expect(resident.getByTestId(`milestone-${step}`)).toHaveAttribute('data-reached', 'true');
	await expect(resident.getByTestId('helper')).toHaveText('帮您的人：王建华');
	await expect(resident.getByTestId('note-text').last()).toHaveText('院门的合页换好了，能关严了');
	const photo = resident.getByTestId('note-photo');
	await expect(photo).toBeVisible();
	expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
	await expect(resident.getByText('13912345678')).toHaveCount(0);
	await resident.screenshot({ path: shotPath('track-phone-resolved'), fullPage: true });
	await resident.getByTestId('face-5').click();
	await resident.getByTestId('comment').fill('修得很好，谢谢！');
	await resident.getByTestId('rate').click();
	await expect(resident.getByTestId('rated')).toContainText('谢谢您的评价');
	await expect(resident.getByTestId('your-rating')).toHaveAttribute('data-stars', '5');
	await expect(card).toHaveAttribute('data-status', 'closed');
	await resident.screenshot({ path: shotPath('track-phone-rated'), fullPage: true });

	expect(await wishRow(ticket)).toMatchObject({ status: 'closed', rating: 5 });
	// The desk's satisfaction figure took the new rating in.
	expect(await satisfaction(desk)).not.toBe(satisfactionBefore);

	for (const ctx of [kioskCtx, wallCtx, deskCtx]) await ctx.close();
	for (const p of [member, late, resident]) await p.context().close();
});

test('a rating of 1 given at the kiosk with the ticket and the phone’s last 4 digits reopens the wish for the desk', async ({
	browser
}) => {
	const kioskCtx = await browser.newContext({ viewport: PORTRAIT });
	const kiosk = await kioskCtx.newPage();
	await noPrintDialog(kiosk);
	await kiosk.goto(kioskAddress(centerKiosk(0)));
	const text = `想请人陪着去一趟卫生院 ${Date.now()}`;
	const ticket = await submitAtKiosk(kiosk, text, '李婆婆', '13700004321');
	const claimUrl = await slipQr(kiosk, 'claim');
	await kiosk.getByTestId('home').click();

	const member = await phone(browser);
	await member.goto(claimUrl);
	await member.getByTestId('sign-in-to-claim').click();
	await signIn(member, 'DY003');
	await member.getByTestId('claim').click();
	await member.getByTestId('resolve-note').fill('陪着去了，量了血压');
	await member.getByTestId('step-resolve').click();
	await expect(member.getByTestId('wish-status')).toHaveText('已完成');

	// At the kiosk, without a phone.
	await kiosk.getByTestId('start-track').click();
	const [letter, digits] = ticket.split('-') as [string, string];
	await kiosk.getByTestId(`letter-${letter}`).click();
	for (const d of String(Number(digits))) await kiosk.getByTestId(`key-${d}`).click();
	await expect(kiosk.getByTestId('ticket-entry')).toHaveText(ticket);
	await kiosk.getByTestId('ticket-next').click();
	// A wrong number is refused kindly.
	for (const d of '0000') await kiosk.getByTestId(`key-${d}`).click();
	await kiosk.getByTestId('find').click();
	await expect(kiosk.getByTestId('track-error')).toHaveText(
		'没有找到。请核对号码和电话后 4 位，再试一次'
	);
	for (let i = 0; i < 4; i++) await kiosk.getByTestId('key-delete').click();
	for (const d of '4321') await kiosk.getByTestId(`key-${d}`).click();
	await kiosk.getByTestId('find').click();
	await expect(kiosk.getByTestId('milestone-resolved')).toHaveAttribute('data-reached', 'true');
	await expect(kiosk.getByText('陪着去了，量了血压')).toBeVisible();
	await kiosk.getByTestId('face-1').click();
	await kiosk.getByRole('button', { name: '一直没有人来' }).click();
	await kiosk.screenshot({ path: shotPath('track-kiosk-rate') });
	await kiosk.getByTestId('kiosk-rate-send').click();
	await expect(kiosk.getByTestId('kiosk-thanks')).toHaveAttribute('data-status', 'reopened');
	await expect(kiosk.getByTestId('kiosk-thanks')).toContainText('我们会重新处理');

	const row = (await wishRow(ticket))!;
	expect(row).toMatchObject({ status: 'reopened', rating: 1 });
	const last = await (
		await hubDb()
	).get<{ type: string; actor: string; data: string }>(
		'SELECT type, actor, data FROM events WHERE wish_id = ? ORDER BY seq DESC LIMIT 1',
		[row.id]
	);
	expect(last?.type).toBe('wish:reopened');
	expect(last?.actor).toMatch(/^resident:kiosk:\d+$/);
	expect(JSON.parse(last!.data)).toMatchObject({ stars: 1, comment: '一直没有人来' });

	// In the desk's queue.
	const deskCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const desk = await deskCtx.newPage();
	await desk.goto('/desk/login?next=/desk');
	await desk.getByTestId('login-username').fill(DEMO_DISPATCHER.username);
	await desk.getByTestId('login-password').fill(DEMO_DISPATCHER.password);
	await desk.getByTestId('login-submit').click();
	await expect(desk.locator(`[data-testid="queue-row"][data-ticket="${ticket}"]`)).toBeVisible();

	await kioskCtx.close();
	await deskCtx.close();
	await member.context().close();
});
