import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = {
	$shared: fileURLToPath(new URL('./shared', import.meta.url)),
	$lib: fileURLToPath(new URL('./kiosk/lib', import.meta.url))
};

export default defineConfig({
	resolve: { alias },
	test: {
		projects: [
			{
				resolve: { alias },
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.spec.ts', 'shared/**/*.spec.ts', 'hub/**/*.spec.ts'],
					environment: 'node'
				}
			},
			{
				resolve: { alias },
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.spec.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000,
					// Each file starts its own hubs on port 0 with its own temp folder.
					pool: 'forks'
				}
			}
		]
	}
});
