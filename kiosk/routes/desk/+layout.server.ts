import type { LayoutServerLoad } from './$types';

// The gate in hooks.server.ts has already decided who may be here; pages only need who it is.
export const load: LayoutServerLoad = ({ locals }) => ({ staff: locals.staff });
