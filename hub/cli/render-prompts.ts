/**
 * Build-time: renders the kiosk's fixed read-aloud prompts (catalogue section readAloud.prompts)
 * to static/audio/prompts/<key>.wav with espeak-ng, in a process of its own. The files are
 * committed, so neither the app nor a kiosk needs espeak-ng. manifest.json keeps each text's hash:
 * tests/unit/prompt-audio.spec.ts fails when a prompt changed without re-rendering.
 *   npx tsx hub/cli/render-prompts.ts
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zhCN } from '../../kiosk/lib/i18n/zh-CN.ts';
import { renderWav } from './speak.ts';

export const PROMPT_DIR = 'static/audio/prompts';

export function promptHash(text: string): string {
	return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

const manifest: Record<string, string> = {};
mkdirSync(PROMPT_DIR, { recursive: true });
for (const [key, text] of Object.entries(zhCN.readAloud.prompts)) {
	const wav = await renderWav(text, 'cmn');
	writeFileSync(join(PROMPT_DIR, `${key}.wav`), wav);
	manifest[key] = promptHash(text);
	console.log(`${key}.wav  ${(wav.length / 1024).toFixed(0)} KB  ${text}`);
}
writeFileSync(join(PROMPT_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
