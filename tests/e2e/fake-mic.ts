/**
 * Launch options for tests that record: Chromium's fake microphone plays the fixture (a Mandarin
 * sentence) in a loop, and the permission prompt is answered yes.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export function fakeMicLaunch(extraArgs: string[] = []) {
	return {
		executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			...extraArgs,
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			`--use-file-for-fake-audio-capture=${resolve('tests/fixtures/voice-wish.wav')}`
		]
	};
}
