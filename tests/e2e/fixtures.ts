import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoKiosk } from '../../hub/demo/seed.ts';

/** The demo kiosks the e2e hub enrolled on first start, with their device tokens. */
export function demoKiosks(): DemoKiosk[] {
	const dir = process.env.WISHWALL_E2E_DATA;
	if (!dir) throw new Error('WISHWALL_E2E_DATA is not set; run through playwright.config.ts');
	return JSON.parse(readFileSync(join(dir, 'demo-kiosks.json'), 'utf8')) as DemoKiosk[];
}

export function kioskUrl(kiosk: DemoKiosk): string {
	return `/kiosk/${kiosk.site}#device=${kiosk.token}`;
}

/** Two different enrolled kiosks at the same site. */
export function twoKiosksOfOneSite(): [DemoKiosk, DemoKiosk] {
	const all = demoKiosks();
	for (const a of all) {
		const b = all.find((k) => k.site === a.site && k.token !== a.token);
		if (b) return [a, b];
	}
	throw new Error('the demo has no site with two kiosks');
}
