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

test('an admin sets the accept limits and a category’s on-site hours, adds a field worker with a post, changes roles, and an import names an unknown post in Chinese', async ({
	page
}) => {
	const { hub, base, close } = await privateHub();
	try {
		await signInDesk(page, base, 'admin', ADMIN_PASSWORD);
		await page.goto(`${base}/desk/admin?tab=settings`);
		await page.locator('input[name="acceptUrgentMinutes"]').fill('20');
		await page.locator('input[name="acceptMinutes"]').fill('120');
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByRole('status')).toHaveText('已保存');
		expect(await hub.core.fleet.settings()).toMatchObject({
			acceptUrgentMinutes: 20,
			acceptMinutes: 120
		});
		await page.goto(`${base}/desk/admin?tab=settings`);
		await expect(page.locator('input[name="acceptMinutes"]')).toHaveValue('120');
		// Urgent may not wait longer than normal: refused in words, nothing saved.
		await page.locator('input[name="acceptUrgentMinutes"]').fill('300');
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByTestId('admin-problem')).toHaveText('紧急的时限不能比普通的长');
		expect(await hub.core.fleet.settings()).toMatchObject({ acceptUrgentMinutes: 20 });

		await page.goto(`${base}/desk/admin?tab=categories`);
		const lights = page.locator('form[data-category="lights"]');
		await lights.locator('input[name="onsiteHours"]').fill('12');
		await lights.getByRole('button').click();
		await expect(page.getByRole('status')).toHaveText('已保存');
		await expect(
			page.locator('form[data-category="lights"] input[name="onsiteHours"]')
		).toHaveValue('12');

		await page.goto(`${base}/desk/admin?tab=members`);
		const form = page.getByTestId('create-member');
		await form.locator('input[name="memberNo"]').fill('WG09');
		await form.locator('input[name="displayName"]').fill('田小雨');
		await form.locator('select[name="siteSlug"]').selectOption('shuanglong');
		await form.locator('input[name="pin"]').fill('1357');
		await form.locator('input[name="party"]').uncheck();
		await form.getByTestId('create-member-posts').selectOption(['网格员·双龙村']);
		await form.getByRole('button', { name: '新增' }).click();
		await expect(page.getByRole('status')).toHaveText('已保存');
		const row = page.locator('[data-testid="member-row"][data-no="WG09"]');
		await expect(row.getByTestId('member-roles')).toHaveText('网格员·双龙村');
		const signedIn = await hub.core.members.signIn('WG09', '1357');
		expect(signedIn).toMatchObject({
			ok: true,
			member: { party: false, posts: [{ name: '网格员·双龙村' }] }
		});

		// Roles change: a party member now, and in 维修队 instead.
		await row.getByText('改身份').click();
		const roles = row.getByTestId('member-roles-form');
		await roles.locator('input[name="party"]').check();
		await roles.locator('select[name="posts"]').selectOption(['维修队']);
		await roles.getByRole('button', { name: '保存身份' }).click();
		await expect(page.getByRole('status')).toHaveText('已保存');
		await expect(
			page.locator('[data-testid="member-row"][data-no="WG09"] [data-testid="member-roles"]')
		).toHaveText(/党员\s*维修队/);

		const csv = [
			'党员编号,姓名,电话,站点代号,特长,PIN,posts,party',
			'WG10,周小林,13900000010,shuanglong,,2468,网格员·双龙村|维修队,否',
			'WG11,吴大山,13900000011,,,2468,不存在的岗位,否',
			'DY901,郑红,13900000012,,,2468,,'
		].join('\r\n');
		await page
			.getByTestId('import-members')
			.locator('input[type="file"]')
			.setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page
			.getByTestId('import-members')
			.getByRole('button', { name: '导入', exact: true })
			.click();
		const result = page.getByTestId('import-result');
		await expect(result).toContainText('已导入 2 人');
		await expect(result).toContainText('1 行没有导入');
		await expect(result.locator('li[data-line="3"]')).toContainText('第 3 行：岗位不存在或已停用');
		const wg10 = page.locator(
			'[data-testid="member-row"][data-no="WG10"] [data-testid="member-roles"]'
		);
		await expect(wg10).toContainText('网格员·双龙村');
		await expect(wg10).toContainText('维修队');
		await expect(wg10).not.toContainText('党员');
		await expect(
			page.locator('[data-testid="member-row"][data-no="DY901"] [data-testid="member-roles"]')
		).toHaveText('党员');
		await expect(page.locator('[data-testid="member-row"][data-no="WG11"]')).toHaveCount(0);
		await page.screenshot({ path: shotPath('desk-admin-members-roles'), fullPage: true });
	} finally {
		await close();
	}
});
