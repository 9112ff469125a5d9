import { expect, test } from '@playwright/test';
import { DEMO_DISPATCHER } from '../../hub/demo/seed.ts';
import { DEVICE_COOKIE } from '../../shared/protocol.ts';
import { makeWish } from '../helpers/wishes.ts';
import { collectErrors, shotPath } from './kiosk-helpers.ts';
import { closeSockets, emitAck, kioskSocket } from './socket-helpers.ts';
import { ADMIN_PASSWORD, DESK_VIEWPORT, privateHub, signInDesk } from './desk-helpers.ts';

test.use({ viewport: DESK_VIEWPORT });
// Each test starts a hub of its own (migrations, demo seed, password hashing) on a shared machine.
test.setTimeout(120_000);

test('an admin enrols a new kiosk with a one-time code, sees it online, and revoking cuts it off at once', async ({
	page,
	browser
}) => {
	const { base, close } = await privateHub();
	try {
		await signInDesk(page, base, 'admin', ADMIN_PASSWORD);
		await page.goto(`${base}/desk/admin?tab=kiosks`);
		const form = page.getByTestId('create-kiosk');
		await form.locator('select[name="siteSlug"]').selectOption('shifang');
		await form.locator('input[name="name"]').fill('石房村二号机');
		await form.locator('input[name="ticketPrefix"]').fill('s2');
		await form.getByRole('button').click();
		const url = (await page.getByTestId('enrolment-url').textContent())!.trim();
		expect(url).toMatch(/\/desk\/enrol\/[0-9a-z]{13}$/);
		await page.screenshot({ path: shotPath('desk-admin-enrolment') });

		// The kiosk opens the code, presses the button once, and lands on its wall, connected.
		const kioskCtx = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
		const kiosk = await kioskCtx.newPage();
		await kiosk.goto(`${base}${new URL(url).pathname}`);
		const handedOver: string[] = [];
		kiosk.on('request', (r) => {
			if (r.url().endsWith('/device')) handedOver.push(r.url());
		});
		const errors = collectErrors(kiosk);
		const [landing] = await Promise.all([
			kiosk.waitForResponse((r) => new URL(r.url()).pathname === '/kiosk/shifang'),
			kiosk.getByTestId('enrol-button').click()
		]);
		await expect(kiosk).toHaveURL(`${base}/kiosk/shifang`);
		await expect(kiosk.getByTestId('wall-cards')).toBeVisible();
		// Enrolment gave the device cookie with the token, so even this first load came drawn, and
		// the page, knowing the wall is its own, takes it over without handing the token again.
		const html = await landing.text();
		expect(html).toContain('data-testid="counter-wishes"');
		expect(html).not.toContain('data-testid="wall-frame"');
		expect((await kioskCtx.cookies()).find((c) => c.name === DEVICE_COOKIE)).toMatchObject({
			httpOnly: true,
			sameSite: 'Strict',
			path: '/kiosk/shifang'
		});
		await kiosk.getByTestId('start-wish').click();
		await expect(kiosk.getByTestId('category-repair')).toBeVisible();
		expect(handedOver).toEqual([]);
		expect(errors).toEqual([]);
		// The code is spent: a second device gets a clear refusal.
		const again = await (await browser.newContext()).newPage();
		await again.goto(`${base}${new URL(url).pathname}`);
		await again.getByTestId('enrol-button').click();
		await expect(again.getByTestId('enrol-invalid')).toBeVisible();
		await again.context().close();

		await page.goto(`${base}/desk/admin?tab=kiosks`);
		const row = page.locator('[data-testid="kiosk-row"][data-name="石房村二号机"]');
		await expect(row.getByTestId('kiosk-state')).toContainText('在线');
		page.once('dialog', (d) => void d.accept());
		await row.getByTestId('revoke').click();
		await expect(row.getByTestId('kiosk-state')).toContainText('已吊销');
		await expect(kiosk.getByTestId('refused')).toContainText('请联系工作人员', { timeout: 5_000 });
		await kioskCtx.close();

		await page.goto(`${base}/desk/admin?tab=audit`);
		await expect(page.getByTestId('audit')).toContainText('kiosk.revoke');
		await expect(page.getByTestId('audit')).toContainText('kiosk.enrol');
	} finally {
		await close();
	}
});

test('the same administration post that works for an admin is refused for a dispatcher', async ({
	browser
}) => {
	const { hub, base, close } = await privateHub();
	try {
		const post = (p: import('@playwright/test').Page, slug: string) =>
			p.request.post(`${base}/desk/admin?/createSite`, {
				headers: { origin: base },
				form: { slug, name: '新建站点', kind: 'center', village: '', address: '' },
				maxRedirects: 0
			});
		const dispatcher = await (await browser.newContext()).newPage();
		await signInDesk(dispatcher, base, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
		expect((await dispatcher.goto(`${base}/desk/admin`))!.status()).toBe(403);
		expect((await post(dispatcher, 'bydispatcher')).status()).toBe(403);

		const admin = await (await browser.newContext()).newPage();
		await signInDesk(admin, base, 'admin', ADMIN_PASSWORD);
		expect((await post(admin, 'byadmin')).status()).toBe(200);
		const slugs = (await hub.core.db.all<{ slug: string }>('SELECT slug FROM sites')).map(
			(s) => s.slug
		);
		expect(slugs).toContain('byadmin');
		expect(slugs).not.toContain('bydispatcher');
		await Promise.all([dispatcher.context().close(), admin.context().close()]);
	} finally {
		await close();
	}
});

test('a colleague the admin adds must choose their own password before using the desk', async ({
	page,
	browser
}) => {
	const { base, close } = await privateHub();
	try {
		await signInDesk(page, base, 'admin', ADMIN_PASSWORD);
		await page.goto(`${base}/desk/admin?tab=staff`);
		const form = page.locator('form[action$="createStaff"]');
		await form.locator('input[name="username"]').fill('zhangsan');
		await form.locator('input[name="displayName"]').fill('张三');
		await form.locator('input[name="password"]').fill('given-by-admin-1');
		await form.getByRole('button').click();
		await expect(page.getByRole('status')).toHaveText('已保存');

		const colleague = await (await browser.newContext()).newPage();
		await colleague.goto(`${base}/desk/login`);
		await colleague.getByTestId('login-username').fill('zhangsan');
		await colleague.getByTestId('login-password').fill('given-by-admin-1');
		await colleague.getByTestId('login-submit').click();
		await expect(colleague).toHaveURL(`${base}/desk/password`);
		await expect(colleague.getByTestId('must-change')).toBeVisible();
		// Any other desk page sends them back here until they have chosen.
		await colleague.goto(`${base}/desk/figures`);
		await expect(colleague).toHaveURL(`${base}/desk/password`);
		await colleague.locator('input[name="current"]').fill('given-by-admin-1');
		await colleague.locator('input[name="next"]').fill('only-zhangsan-knows');
		await colleague.locator('input[name="repeat"]').fill('only-zhangsan-knows');
		await colleague.getByRole('button', { name: '保存新密码' }).click();
		await expect(colleague).toHaveURL(`${base}/desk`);
		await expect(colleague.getByTestId('desk-who')).toContainText('张三');
		await colleague.context().close();
	} finally {
		await close();
	}
});

test('the fleet view tells an admin which kiosks need someone: offline, outbox stuck, printer, refused wishes', async ({
	page
}) => {
	const { hub, base, close } = await privateHub();
	try {
		const [a, b] = hub.core.demoKiosks.filter((k) => k.site === 'shuanglong');
		const { socket } = await kioskSocket(base, a!.token);
		expect(
			await emitAck(socket, 'kiosk:heartbeat', {
				appVersion: 'e2e',
				outboxLength: 2,
				oldestQueuedAt: Date.now() - 12 * 60_000,
				printerError: '缺纸'
			})
		).toMatchObject({ ok: true });
		const refused = { ...makeWish('A', 9301), text: 'x'.repeat(2_000) };
		await emitAck(socket, 'wish:submitBatch', [refused]);
		await hub.core.db.run('UPDATE kiosks SET last_seen_at = ? WHERE name = ?', [
			Date.now() - 20 * 60_000,
			b!.name
		]);

		await signInDesk(page, base, 'admin', ADMIN_PASSWORD);
		await page.goto(`${base}/desk/admin?tab=kiosks`);
		const attention = page.getByTestId('fleet-attention');
		await expect(attention.locator('[data-testid="kiosk-warning"]')).toHaveCount(3);
		await expect(attention.locator('[data-kind="outbox_stuck"]')).toContainText('2 条心愿没能上传');
		await expect(attention.locator('[data-kind="printer"]')).toContainText('缺纸');
		await expect(attention.locator('[data-kind="offline"]')).toContainText(b!.name);
		const alert = attention.getByTestId('fleet-alert');
		await expect(alert).toContainText('一条心愿被拒收');
		await page.screenshot({ path: shotPath('desk-fleet-attention'), fullPage: true });
		await alert.getByRole('button', { name: '已处理' }).click();
		await expect(attention.getByTestId('fleet-alert')).toHaveCount(0);
	} finally {
		closeSockets();
		await close();
	}
});

test('a wish the hub refused from a kiosk is kept whole for the admin, who takes it into the queue with one button', async ({
	page
}) => {
	const { hub, base, close } = await privateHub();
	try {
		// A kiosk of 铁石垭村 sends a wish with another kiosk's ticket: refused, and held.
		const kiosk = hub.core.demoKiosks.find((k) => k.site === 'tieshiya')!;
		const { socket, hello } = await kioskSocket(base, kiosk.token);
		const forged = makeWish(hello.ticketPrefix, hello.lastTicket + 1, {
			ticketNo: 'B-0123',
			text: '村口的路灯坏了三盏，晚上看不见路'
		});
		const r = await emitAck(socket, 'wish:submitBatch', [forged]);
		expect(r).toMatchObject({ ok: true, value: [{ ok: false, held: true }] });

		await signInDesk(page, base, 'admin', ADMIN_PASSWORD);
		await page.goto(`${base}/desk/admin?tab=kiosks`);
		const held = page.getByTestId('held-wish');
		await expect(held).toContainText('B-0123');
		await expect(held).toContainText('村口的路灯坏了三盏');
		await page.screenshot({ path: shotPath('desk-admin-held-wish') });
		await page.getByTestId('accept-held').click();
		await expect(page.getByTestId('held-accepted')).toContainText(/DK-\d{4}/);
		await expect(page.getByTestId('held-accepted')).toContainText('B-0123');
		await expect(page.getByTestId('held-wish')).toHaveCount(0);

		// It is an item of the queue now, with the slip's ticket beside its own.
		await page.goto(`${base}/desk?item=${forged.id}`);
		await expect(page.getByTestId('item-printed-ticket')).toContainText('B-0123');
		await expect(page.getByTestId('item-ticket')).toHaveText(/DK-\d{4}/);
	} finally {
		closeSockets();
		await close();
	}
});
