import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				// The service worker has its own libs (webworker), so it sits outside tsconfig.json.
				projectService: { allowDefaultProject: ['kiosk/service-worker.ts'] },
				tsconfigRootDir: import.meta.dirname
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			// A dropped promise is a lost wish or an unhandled crash: every one must be awaited or voided.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			'no-control-regex': 'off'
		}
	},
	{
		// .dependency-cruiser.js forbids kiosk → hub imports, but it reads a .svelte file after the
		// Svelte compiler has dropped its type-only imports; this catches those.
		files: ['kiosk/**/*.svelte'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '(^|/)hub/',
							message:
								'kiosk/ reaches the hub only through $lib/server/hub.ts (rule kiosk-reaches-hub-through-accessor).'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.js'],
		...ts.configs.disableTypeChecked
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			// Builds made beside the main one (WISHWALL_BUILD / WISHWALL_KIT_OUT).
			'build-*/',
			'.svelte-kit-*/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/',
			'tests/.artifacts/'
		]
	}
);
