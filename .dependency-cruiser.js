/**
 * The import rules of STYLE.md ("Import direction"), checked by `npm run lint` (depcruise).
 * tests/unit/architecture.spec.ts breaks each rule in a fixture tree and expects it reported.
 * Paths are relative to the folder depcruise runs in (the repository root).
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
export default {
	forbidden: [
		{
			name: 'shared-stands-alone',
			comment:
				'shared/ is what the hub and the kiosk agree on (protocol, schemas, domain rules): it cannot ' +
				'depend on either side, or the agreement would carry one side’s internals into the other.',
			severity: 'error',
			from: { path: '^shared/' },
			to: { path: '^(hub|kiosk)/' }
		},
		{
			name: 'db-below-services',
			comment:
				'hub/db/ is the storage layer (connection, migrations, repositories over a Tx); the use ' +
				'cases in hub/services/ call it, never the other way round, so a repository stays plain SQL.',
			severity: 'error',
			from: { path: '^hub/db/' },
			to: { path: '^hub/services/' }
		},
		{
			name: 'services-see-the-store-only',
			comment:
				'Use cases, sockets and HTTP routes talk to the Store interface (hub/store/), never to an ' +
				'engine: hub/db/ is the SQLite one, and a second engine must be a folder, not a rewrite. ' +
				'The composition root (hub/core.ts) and the command-line tools pick the engine.',
			severity: 'error',
			from: { path: '^hub/(services|socket|http|store)/' },
			to: { path: '^hub/db/' }
		},
		{
			name: 'no-cycles',
			comment:
				'A cycle makes two modules one unit: neither can be read, tested or changed alone, and ' +
				'module evaluation order starts to matter. Type-only imports count: they couple the same way.',
			severity: 'error',
			from: {},
			to: { circular: true }
		},
		{
			name: 'kiosk-reaches-hub-through-accessor',
			comment:
				'The SvelteKit app reaches the hub only through kiosk/lib/server/hub.ts (the core the hub ' +
				'registers at start), so the app never bundles hub code nor depends on its internals. ' +
				'Type-only imports count too: they tie the app to the hub’s module layout.',
			severity: 'error',
			from: { path: '^kiosk/', pathNot: '^kiosk/lib/server/hub\\.ts$' },
			to: { path: '^hub/' }
		},
		{
			name: 'nothing-imports-kiosk',
			comment:
				'kiosk/ is the browser and SvelteKit side: the hub and shared/ must run without it (the hub ' +
				'starts before the app is even built), so neither may import from it.',
			severity: 'error',
			// render-prompts is a build-time tool that turns the kiosk's read-aloud catalogue into audio
			// files for static/; it never runs inside the hub.
			from: { path: '^(hub|shared)/', pathNot: '^hub/cli/render-prompts\\.ts$' },
			to: { path: '^kiosk/' }
		},
		{
			name: 'sqlite3-only-in-sqlite-ts',
			comment:
				'hub/db/sqlite.ts holds the queue and transaction invariants of the one connection; any other ' +
				'importer of sqlite3 could run statements outside them. The bench baseline server is the ' +
				'yardstick that uses sqlite3 directly on purpose (not product code).',
			severity: 'error',
			from: { pathNot: ['^hub/db/sqlite\\.ts$', '^tests/bench/baseline-server\\.ts$'] },
			to: { path: '(^|/)node_modules/sqlite3/' }
		},
		{
			name: 'no-unresolvable',
			comment:
				'An import that cannot be resolved is invisible to every rule above: a broken alias setup ' +
				'would let a forbidden import through unseen. SvelteKit’s virtual modules ($app/*, $env/*, ' +
				'$service-worker) and generated ./$types files are the exceptions.',
			severity: 'error',
			from: {},
			to: {
				couldNotResolve: true,
				pathNot: ['^\\$app/', '^\\$env/', '^\\$service-worker$', '(^|/)\\$types$']
			}
		}
	],
	options: {
		// Builds, generated code and bench output are not our sources. node_modules is not excluded
		// (that would drop every import of a package, and sqlite3-only-in-sqlite-ts with it): it is
		// not followed instead.
		exclude: {
			path: [
				'^build[^/]*/',
				'^\\.svelte-kit[^/]*/',
				'^tests/bench/results/',
				'^tests/\\.artifacts/',
				'^(data|test-results|playwright-report)/'
			]
		},
		// Packages are resolved (rule sqlite3-only-in-sqlite-ts needs their paths) but not walked.
		doNotFollow: { path: '(^|/)node_modules/' },
		moduleSystems: ['es6', 'cjs'],
		// Type-only imports are dependencies too (they vanish from the JS, not from the design).
		tsPreCompilationDeps: true,
		// The project's TypeScript settings, for parsing .ts files (type-only imports included).
		tsConfig: { fileName: 'tsconfig.json' },
		// $lib and $shared, as svelte.config.js defines them (see that file for why not the tsconfig).
		webpackConfig: { fileName: '.dependency-cruiser-aliases.js' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['svelte', 'import', 'require', 'node', 'default', 'types'],
			mainFields: ['svelte', 'module', 'main', 'types', 'typings']
		}
	}
};
