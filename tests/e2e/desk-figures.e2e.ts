import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parseCsv } from '../../kiosk/lib/csv.ts';
import { shanghaiDate } from '../../shared/domain/figures.ts';
import { EXPECTED_MONTHS, RANGE } from '../helpers/desk-dataset.ts';
import { seedDataset } from '../helpers/desk-seed.ts';
import { shotPath } from './kiosk-helpers.ts';
import { ADMIN_PASSWORD, DESK_VIEWPORT, privateHub, signInDesk } from './desk-helpers.ts';

test.use({ viewport: DESK_VIEWPORT });
// Each test starts a hub of its own (migrations, demo seed, password hashing) on a shared machine.
test.setTimeout(120_000);

test('the figures page shows exactly what the hand-made dataset predicts, and both CSVs download and parse', async ({
	page
}) => {
	const { hub, base, close } = await privateHub({ demo: false });
	try {
		await seedDataset(hub.core);
		await signInDesk(page, base, 'admin', ADMIN_PASSWORD);
		await page.goto(`${base}/desk/figures?from=${RANGE.from}&to=${RANGE.to}`);

		// The values worked out by hand in tests/helpers/desk-dataset.ts (EXPECTED_TOTAL).
		const value = (key: string) => page.getByTestId(`figure-${key}-value`);
		await expect(value('received')).toHaveText('10');
		await expect(value('resolved')).toHaveText('5');
		await expect(value('rejected')).toHaveText('1');
		await expect(value('completionRate')).toHaveText('55.6%');
		await expect(value('responseRate')).toHaveText('44.4%');
		await expect(value('responseMean')).toHaveText('13.8 小时');
		await expect(value('responseP90')).toHaveText('30.0 小时');
		await expect(value('satisfaction')).toHaveText('40.0%');
		await expect(value('claimRate')).toHaveText('60.0%');
		await expect(value('peopleServed')).toHaveText('4');
		// No station visits or activities in this dataset: person-times are the 5 resolved items.
		await expect(value('activitiesHeld')).toHaveText('0');
		await expect(value('servedTimes')).toHaveText('5');
		await expect(page.getByTestId('figure-satisfaction')).toContainText('样本 5');

		const months = page.getByTestId('figures-by-month');
		for (const [month, want] of Object.entries(EXPECTED_MONTHS)) {
			const row = months.locator(`tr[data-key="${month}"]`);
			await expect(row.locator('[data-col="received"]')).toHaveText(String(want.received));
			await expect(row.locator('[data-col="resolved"]')).toHaveText(String(want.resolved));
			await expect(row.locator('[data-col="completionRate"]')).toHaveText(
				`${(want.completionRate * 100).toFixed(1)}%`
			);
			await expect(row.locator('[data-col="responseMean"]')).toHaveText(
				(want.responseMeanMs / 3600_000).toFixed(1)
			);
		}
		await expect(page.getByTestId('figures-by-site').locator('tr[data-key="alpha"]')).toContainText(
			'甲村党群服务中心'
		);
		await page.screenshot({ path: shotPath('desk-figures'), fullPage: true });

		const [figuresFile] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-figures').click()
		]);
		const raw = await readFile((await figuresFile.path())!);
		expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const table = parseCsv(raw.toString('utf8'));
		const header = table[0]!;
		const total = table.find((r) => r[0] === '合计')!;
		const col = (name: string) => total[header.indexOf(name)];
		expect(col('收到')).toBe('10');
		expect(col('办结')).toBe('5');
		expect(col('办结率')).toBe('55.6%');
		expect(col('响应率')).toBe('44.4%');
		expect(col('平均响应（小时）')).toBe('13.75');
		expect(col('满意率')).toBe('40.0%');
		expect(col('认领率')).toBe('60.0%');
		expect(col('服务人数')).toBe('4');
		expect(table.find((r) => r[0] === '月份' && r[1] === '2024-01')![header.indexOf('收到')]).toBe(
			'5'
		);

		const [itemsFile] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-items').click()
		]);
		const items = parseCsv((await readFile((await itemsFile.path())!)).toString('utf8'));
		// Header + the 11 items received in the range (merged duplicate included, marked).
		expect(items).toHaveLength(12);
		const tickets = items.slice(1).map((r) => r[0]);
		expect(tickets).toContain('T-0008');
		expect(tickets).not.toContain('T-0012');
		const merged = items.find((r) => r[0] === 'T-0008')!;
		expect(merged[items[0]!.indexOf('合并到')]).toBe('T-0009');
		expect(merged[items[0]!.indexOf('电话')]).toBe('13900000006');
	} finally {
		await close();
	}
});

test('the figures page’s 赶快办 section shows on-site times, the urgent 2-hour share and each post as the hub counts them, and the post table downloads', async ({
	page
}) => {
	const { hub, base, close } = await privateHub();
	try {
		// The demo township: a grid worker who accepted and stood on site, crews with reports.
		const now = Date.now();
		const query = { from: shanghaiDate(now - 30 * 86400_000), to: shanghaiDate(now) };
		const admin = await hub.core.staff.signIn('admin', ADMIN_PASSWORD);
		if (!admin.ok) throw new Error(admin.message);
		const report = await hub.core.figures.report(admin.value.staff, query);
		if (!report.ok) throw new Error(report.message);
		const { total, byPost } = report.value;
		expect(total.onsiteArrived).toBeGreaterThan(0);
		expect(byPost.some((p) => p.accepted > 0)).toBe(true);

		await signInDesk(page, base, 'admin', ADMIN_PASSWORD);
		await page.goto(`${base}/desk/figures?from=${query.from}&to=${query.to}`);
		const section = page.getByTestId('figures-field');
		await expect(section.getByRole('heading')).toHaveText('赶快办 · 现场与岗位');
		const hours = (ms: number | null) => (ms === null ? '—' : `${(ms / 3600_000).toFixed(1)} 小时`);
		const value = (key: string) => section.getByTestId(`figure-${key}-value`);
		await expect(value('onsiteMean')).toHaveText(hours(total.onsiteMeanMs));
		await expect(value('onsiteP90')).toHaveText(hours(total.onsiteP90Ms));
		await expect(section.getByTestId('figure-onsiteMean')).toContainText(
			`样本 ${total.onsiteArrived}`
		);
		await expect(value('urgentOnsite')).toHaveText(
			total.urgentOnsiteShare === null ? '—' : `${(total.urgentOnsiteShare * 100).toFixed(1)}%`
		);
		await expect(section.getByTestId('figure-urgentOnsite')).toContainText(
			`按时 ${total.urgentOnsiteInTime} 件 · 样本 ${total.urgentOnsiteDecided}`
		);
		const table = section.getByTestId('figures-by-post');
		await expect(table.locator('tbody tr')).toHaveCount(byPost.length);
		const minutes = (ms: number | null) => (ms === null ? '—' : String(Math.round(ms / 60_000)));
		for (const p of byPost) {
			const row = table.locator(`tr[data-key="${p.postId}"]`);
			await expect(row.locator('th')).toHaveText(p.postName);
			await expect(row.locator('[data-col="sent"]')).toHaveText(String(p.sent));
			await expect(row.locator('[data-col="accepted"]')).toHaveText(String(p.accepted));
			await expect(row.locator('[data-col="acceptMean"]')).toHaveText(minutes(p.acceptMeanMs));
			await expect(row.locator('[data-col="fixed"]')).toHaveText(String(p.fixed));
		}
		await expect(section.getByRole('img', { name: '各岗位平均接单用时（分钟）' })).toBeVisible();
		await section.scrollIntoViewIfNeeded();
		await section.screenshot({ path: shotPath('desk-figures-field') });

		const [postsFile] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-posts').click()
		]);
		const posts = parseCsv((await readFile((await postsFile.path())!)).toString('utf8'));
		expect(posts[0]!.slice(0, 3)).toEqual(['岗位', '派出', '接单']);
		expect(posts.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual(
			byPost.map((p) => [p.postName, String(p.sent), String(p.accepted)])
		);

		const [figuresFile] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-figures').click()
		]);
		const figures = parseCsv((await readFile((await figuresFile.path())!)).toString('utf8'));
		const totalRow = figures.find((r) => r[0] === '合计')!;
		expect(totalRow[figures[0]!.indexOf('到场件数')]).toBe(String(total.onsiteArrived));
		expect(totalRow[figures[0]!.indexOf('平均到场（小时）')]).toBe(
			(total.onsiteMeanMs! / 3600_000).toFixed(2)
		);

		const [itemsFile] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-items').click()
		]);
		const items = parseCsv((await readFile((await itemsFile.path())!)).toString('utf8'));
		const arrivedCol = items[0]!.indexOf('到场时间');
		expect(arrivedCol).toBeGreaterThan(0);
		expect(items.slice(1).filter((r) => r[arrivedCol] !== '')).toHaveLength(total.onsiteArrived);
	} finally {
		await close();
	}
});
