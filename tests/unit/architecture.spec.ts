/**
 * The import rules in .dependency-cruiser.js, each broken in a small tree written to a temp folder
 * and checked with the command `npm run lint` runs (the project's own config files copied beside
 * the tree), and a tree that keeps every rule passing.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const depcruiseBin = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG_FILES = [
	'.dependency-cruiser.js',
	'.dependency-cruiser-aliases.js',
	'svelte.config.js',
	'tsconfig.json'
];

type Tree = Record<string, string>;

/** Every rule kept: layers in the allowed direction, the aliases, SvelteKit's virtual modules. */
const CLEAN: Tree = {
	'shared/protocol.ts': 'export const PROTOCOL_VERSION = 1;\n',
	'hub/config.ts': 'export const configFromEnv = () => ({ port: 0 });\n',
	'hub/core.ts': `import { PROTOCOL_VERSION } from '../shared/protocol.ts';
import { sqliteStore } from './db/store.ts';
import { wishes } from './services/wishes.ts';
export interface Core { version: typeof PROTOCOL_VERSION }
export const core = () => wishes(sqliteStore());
`,
	'hub/store/store.ts': 'export interface Store { listWishes(): unknown }\n',
	'hub/db/sqlite.ts': `import sqlite3 from 'sqlite3';
export const driver = sqlite3;
`,
	'hub/db/repos/wishes.ts': `import { driver } from '../sqlite.ts';
export const listWishes = () => driver;
`,
	'hub/db/store.ts': `import type { Store } from '../store/store.ts';
import { listWishes } from './repos/wishes.ts';
export const sqliteStore = (): Store => ({ listWishes });
`,
	'hub/services/wishes.ts': `import type { Store } from '../store/store.ts';
export const wishes = (store: Store) => store.listWishes();
`,
	'kiosk/lib/server/hub.ts': `import type { Core } from '../../../hub/core.ts';
export const hub = (): Core => ({ version: 1 });
`,
	'kiosk/lib/strings.ts': "export const title = '心愿墙';\n",
	'kiosk/routes/+page.svelte': `<script lang="ts">
	import { page } from '$app/state';
	import { PROTOCOL_VERSION } from '$shared/protocol.ts';
	import { title } from '$lib/strings.ts';
</script>

<h1>{title} {PROTOCOL_VERSION} {page.url}</h1>
`,
	'kiosk/routes/+page.server.ts': `import type { PageServerLoad } from './$types';
import { hub } from '$lib/server/hub.ts';
export const load: PageServerLoad = () => ({ version: hub().version });
`
};

/** The clean tree plus one import (or import pair) that breaks each rule. */
const BROKEN: Tree = {
	...CLEAN,
	'shared/domain/rules.ts': `import type { Core } from '../../hub/core.ts';
export type Rules = Core;
`,
	'hub/db/repos/claims.ts': `import { wishes } from '../../services/wishes.ts';
export const claims = wishes;
`,
	'hub/services/submissions.ts': `import type { Intake } from './intake.ts';
export const submit = (i: Intake) => i;
`,
	'hub/services/intake.ts': `import { submit } from './submissions.ts';
export type Intake = { via: typeof submit };
`,
	'kiosk/routes/desk/+page.svelte': `<script lang="ts">
	import { configFromEnv } from '../../../hub/config.ts';
</script>

<p>{configFromEnv().port}</p>
`,
	'kiosk/lib/locals.ts': `import type { Core } from '../../hub/core.ts';
export type Locals = { hub: Core };
`,
	'hub/cli/prompts.ts': `import { title } from '$lib/strings.ts';
export const prompt = title;
`,
	'hub/services/claims.ts': `import { listWishes } from '../db/repos/wishes.ts';
export const claims = listWishes;
`,
	'hub/services/backups.ts': `import sqlite3 from 'sqlite3';
export const backupDriver = sqlite3;
`,
	'shared/errors.ts': `import { codes } from './codes-moved-away.ts';
export const errors = codes;
`
};

interface Checked {
	exitCode: number;
	/** One line per violation: "rule: from → to" (a cycle: "no-cycles: a → b → a"). */
	violations: string[];
	output: string;
}

/** The err reporter's lines (what `npm run lint` prints), a cycle's continuation lines joined. */
function violationsIn(output: string): string[] {
	const found: string[] = [];
	for (const line of output.split('\n')) {
		const start = /^\s*error ([\w-]+): (.*)$/.exec(line);
		if (start) found.push(`${start[1]}: ${start[2]!.trim()}`);
		else if (found.length > 0 && /^\s{4,}\S/.test(line))
			found[found.length - 1] += ` ${line.trim()}`;
	}
	return found;
}

/** Writes the tree beside a copy of the project's config and runs the lint command on it. */
async function check(base: string, tree: Tree): Promise<Checked> {
	for (const [file, text] of Object.entries(tree)) {
		await mkdir(dirname(join(base, file)), { recursive: true });
		await writeFile(join(base, file), text);
	}
	for (const file of CONFIG_FILES) await copyFile(join(root, file), join(base, file));
	// tsconfig.json extends what svelte-kit sync writes; its paths are not what resolves aliases.
	await mkdir(join(base, '.svelte-kit'));
	await writeFile(join(base, '.svelte-kit/tsconfig.json'), '{ "compilerOptions": {} }\n');
	// svelte.config.js imports the adapter, and the rules need sqlite3's real path.
	await symlink(join(root, 'node_modules'), join(base, 'node_modules'), 'dir');
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[depcruiseBin, '--config', '.dependency-cruiser.js', '.'],
			{ cwd: base, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
			(err, stdout, stderr) => {
				const exitCode = typeof err?.code === 'number' ? err.code : err ? -1 : 0;
				const output = `${stdout}${stderr}`;
				resolve({ exitCode, violations: violationsIn(output), output });
			}
		);
	});
}

let dir: string;
let clean: Checked;
let broken: Checked;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'wishwall-architecture-'));
	[clean, broken] = await Promise.all([
		check(join(dir, 'clean'), CLEAN),
		check(join(dir, 'broken'), BROKEN)
	]);
}, 30_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

const reported = (rule: string) =>
	broken.violations.filter((v) => v.startsWith(`${rule}: `)).map((v) => v.slice(rule.length + 2));

describe('the architecture check (.dependency-cruiser.js)', () => {
	it('refuses shared/ importing from hub/, a type-only import included', () => {
		expect(reported('shared-stands-alone')).toEqual(['shared/domain/rules.ts → hub/core.ts']);
	});

	it('refuses hub/db/ importing a use case from hub/services/', () => {
		expect(reported('db-below-services')).toEqual([
			'hub/db/repos/claims.ts → hub/services/wishes.ts'
		]);
	});

	it('refuses a use case reaching past the store into the SQLite engine', () => {
		expect(reported('services-see-the-store-only')).toEqual([
			'hub/services/claims.ts → hub/db/repos/wishes.ts'
		]);
	});

	it('refuses an import cycle, even when one side imports only a type', () => {
		expect(reported('no-cycles')).toHaveLength(1);
		expect(reported('no-cycles')[0]).toMatch(
			/^hub\/services\/(intake|submissions)\.ts → hub\/services\/(intake|submissions)\.ts → hub\/services\/\1\.ts$/
		);
	});

	it('refuses kiosk/ importing hub/ outside $lib/server/hub.ts, from a .svelte script or a type-only import', () => {
		expect(reported('kiosk-reaches-hub-through-accessor').sort()).toEqual([
			'kiosk/lib/locals.ts → hub/core.ts',
			'kiosk/routes/desk/+page.svelte → hub/config.ts'
		]);
	});

	it('refuses hub/ importing kiosk/, through the $lib alias too', () => {
		expect(reported('nothing-imports-kiosk')).toEqual([
			'hub/cli/prompts.ts → kiosk/lib/strings.ts'
		]);
	});

	it('refuses sqlite3 imported anywhere but hub/db/sqlite.ts', () => {
		// node_modules is a symlink to the project's, so the package resolves to its real path.
		const found = reported('sqlite3-only-in-sqlite-ts');
		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(
			/^hub\/services\/backups\.ts → (.*\/)?node_modules\/sqlite3\/lib\/sqlite3\.js$/
		);
	});

	it('refuses an import it cannot resolve, which every other rule would miss', () => {
		expect(reported('no-unresolvable')).toEqual(['shared/errors.ts → ./codes-moved-away.ts']);
	});

	it('exits non-zero on the broken tree, reporting nothing beyond the breaks', () => {
		expect(broken.violations, broken.output).toHaveLength(9);
		expect(broken.exitCode).toBe(9);
	});

	it('passes a tree that keeps every rule, its $lib and $shared imports resolved', () => {
		// An alias that did not resolve would be reported by no-unresolvable.
		expect(clean.violations, clean.output).toEqual([]);
		expect(clean.exitCode).toBe(0);
		expect(clean.output).toContain('no dependency violations found');
	});
});
