import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parseCsv } from '../../kiosk/lib/csv.ts';
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
