/**
 * The per-address limits as a phone sees them, on a private hub with tiny limits so the
 * shared e2e hub, which every other test signs in to from the same 127.0.0.1, is never touched.
 */
import { expect, test } from '@playwright/test';
import { DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import { newCode } from '../../shared/domain/codes.ts';
import { phone, signIn } from './claim-helpers.ts';
import { privateHub } from './desk-helpers.ts';

const LIMITS = {
	signIn: { count: 2, perMs: 15 * 60_000 },
	codeMisses: { count: 2, perMs: 10 * 60_000 }
};

test('after failed sign-ins on other members, the sign-in page refuses even a right PIN, in Chinese', async ({
	browser
}) => {
	const { base, close } = await privateHub({ demo: true, ipLimits: LIMITS });
	const page = await phone(browser);
	try {
		await page.goto(`${base}/m`);
		for (const memberNo of ['NOSUCH1', 'NOSUCH2']) {
			await signIn(page, memberNo, '1234');
			await expect(page.getByTestId('signin-error')).toContainText('会员编号或密码不对');
		}
		await signIn(page, 'DY001', DEMO_MEMBER_PIN);
		await expect(page.getByTestId('signin-error')).toHaveText('尝试次数太多，请 15 分钟后再试');
		await expect(page.getByTestId('signin')).toBeVisible();
	} finally {
		await page.context().close();
		await close();
	}
});

test('unknown track codes from one address end in a 429 page that says to wait', async ({
	browser
}) => {
	const { base, close } = await privateHub({ demo: true, ipLimits: LIMITS });
	const page = await phone(browser);
	try {
		for (let i = 0; i < 2; i++) {
			const miss = await page.goto(`${base}/t/${newCode()}`);
			expect(miss?.status()).toBe(200);
			await expect(page.getByTestId('not-found')).toBeVisible();
		}
		const refused = await page.goto(`${base}/t/${newCode()}`);
		expect(refused?.status()).toBe(429);
		await expect(page.getByTestId('lookup-refused')).toHaveText(
			'查询太频繁了，请 10 分钟后再扫码查看'
		);
	} finally {
		await page.context().close();
		await close();
	}
});
