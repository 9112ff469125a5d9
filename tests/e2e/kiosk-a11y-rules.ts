import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { shotPath } from './kiosk-helpers.ts';

/**
 * The elder-grade rules (DESIGN.md §5), measured on every kiosk screen at both screen sizes:
 * axe finds no WCAG A/AA violation; every tap target is ≥ 60×60 px with ≥ 16 px between
 * targets; text is ≥ 24 px (headings ≥ 36 px); text contrast is ≥ 7:1; controls take single
 * taps only (touch-action: manipulation, no text selection).
 */
interface Shortfall {
	rule: string;
	what: string;
	value: string;
}

/** Runs in the page: returns every place a rule falls short. */
export function measure(): Shortfall[] {
	const out: Shortfall[] = [];
	const describe = (el: Element) =>
		`${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
	// While a modal dialog is open only it can be touched or read: measure inside it.
	const modal = document.querySelector('[aria-modal="true"]');
	const root = modal ?? document.body;
	const shown = (el: Element) => {
		if (el.closest('[aria-hidden="true"]') || !root.contains(el)) return false;
		const s = getComputedStyle(el);
		const r = el.getBoundingClientRect();
		return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0;
	};

	// Targets: size, gaps, single-tap behaviour.
	const targets = [
		...root.querySelectorAll('button, a[href], input, textarea, select, [role="button"]')
	].filter(shown);
	const rects = targets.map((el) => el.getBoundingClientRect());
	targets.forEach((el, i) => {
		const r = rects[i]!;
		if (r.width < 60 || r.height < 60)
			out.push({ rule: 'target ≥ 60×60', what: describe(el), value: `${r.width}×${r.height}` });
		const s = getComputedStyle(el);
		if (el.tagName === 'BUTTON' && s.touchAction !== 'manipulation')
			out.push({ rule: 'touch-action', what: describe(el), value: s.touchAction });
		if (el.tagName === 'BUTTON' && s.userSelect !== 'none')
			out.push({ rule: 'no selection', what: describe(el), value: s.userSelect });
		for (let j = i + 1; j < targets.length; j++) {
			const q = rects[j]!;
			if (targets[j]!.contains(el) || el.contains(targets[j]!)) continue;
			const dx = Math.max(0, q.left - r.right, r.left - q.right);
			const dy = Math.max(0, q.top - r.bottom, r.top - q.bottom);
			if (Math.max(dx, dy) < 16)
				out.push({
					rule: 'gap ≥ 16',
					what: `${describe(el)} ↔ ${describe(targets[j]!)}`,
					value: `${Math.max(dx, dy)}`
				});
		}
	});

	// Text: size and contrast, for every element that holds visible text of its own.
	const lum = (rgb: number[]) => {
		const [r, g, b] = rgb.map((c) => {
			const v = c / 255;
			return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
	};
	const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
	const background = (el: Element | null): number[] => {
		for (let e = el; e; e = e.parentElement) {
			const c = parse(getComputedStyle(e).backgroundColor);
			if (c.length >= 3 && (c.length === 3 || c[3]! > 0.5)) return c.slice(0, 3);
		}
		return [255, 255, 255];
	};
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	const seen = new Set<Element>();
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const el = n.parentElement;
		if (!el || seen.has(el) || !(n.textContent ?? '').trim() || !shown(el)) continue;
		if (el.closest('svg, style, script')) continue;
		seen.add(el);
		const s = getComputedStyle(el);
		const size = parseFloat(s.fontSize);
		const heading = el.closest('h1, h2');
		const min = heading ? 36 : 24;
		if (size < min) out.push({ rule: `font ≥ ${min}px`, what: describe(el), value: `${size}px` });
		const fg = lum(parse(s.color).slice(0, 3));
		const bg = lum(background(el));
		const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
		if (ratio < 7)
			out.push({ rule: 'contrast ≥ 7:1', what: describe(el), value: ratio.toFixed(2) });
	}
	return out;
}

/** Screenshot, axe and the measurements for the screen now shown. */
export async function checkScreen(page: Page, screen: string, size: string): Promise<void> {
	await page.waitForTimeout(300); // let transitions and QR codes settle
	await page.screenshot({ path: shotPath(`a11y-${screen}-${size}`) });
	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(
		axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		`axe on ${screen} at ${size}`
	).toEqual([]);
	expect(await page.evaluate(measure), `${screen} at ${size}`).toEqual([]);
}
