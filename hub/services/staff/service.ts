/** The desk staff's use cases, bound to what they share (deps.ts). */
import { bindFirst } from '../../infra/bind.ts';
import { changePassword, session, signIn, signOut } from './sessions.ts';
import {
	create,
	createInitial,
	ensureFirstAdmin,
	list,
	resetPassword,
	setActive
} from './accounts.ts';
import { staffDeps, type StaffOptions } from './deps.ts';

export function createStaffService(opts: StaffOptions) {
	return bindFirst(staffDeps(opts), {
		ensureFirstAdmin,
		createInitial,
		signIn,
		session,
		signOut,
		changePassword,
		list,
		create,
		setActive,
		resetPassword
	});
}

export type StaffService = ReturnType<typeof createStaffService>;
export type { StaffOptions } from './deps.ts';
