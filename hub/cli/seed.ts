/** `npm run seed`: load the demo township into the data folder's database when it is empty. */
import { configFromEnv } from '../config.ts';
import { createCore } from '../core.ts';

const config = configFromEnv();
const core = await createCore(
	{ ...config, demo: true, backupEveryMs: 0 },
	{ publicUrl: () => config.publicUrl ?? '' }
);
console.log(
	core.demoKiosks.length > 0
		? `Loaded the demo township: ${core.demoKiosks.length} kiosks (tokens in ${config.dataDir}/demo-kiosks.json).`
		: 'The database already has data; nothing was loaded.'
);
await core.close();
