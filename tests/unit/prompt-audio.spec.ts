import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../kiosk/lib/i18n/zh-CN.ts';

const DIR = 'static/audio/prompts';
const manifest = JSON.parse(readFileSync(`${DIR}/manifest.json`, 'utf8')) as Record<string, string>;

describe('pre-rendered read-aloud prompts', () => {
	it.each(Object.entries(zhCN.readAloud.prompts))(
		'"%s" has audio rendered from its current text',
		(key, text) => {
			const file = `${DIR}/${key}.wav`;
			expect(existsSync(file), `run npx tsx hub/cli/render-prompts.ts`).toBe(true);
			expect(readFileSync(file).subarray(0, 4).toString('ascii')).toBe('RIFF');
			expect(statSync(file).size).toBeGreaterThan(10_000);
			const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
			expect(manifest[key], `prompt "${key}" changed: re-run hub/cli/render-prompts.ts`).toBe(hash);
		}
	);
});
