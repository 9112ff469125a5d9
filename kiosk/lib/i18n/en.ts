import type { Catalogue } from './zh-CN.ts';

export const en: Catalogue = {
	appName: 'Wish Wall',
	wall: {
		counterWishes: 'Wishes this year',
		counterClaimed: 'Claimed',
		counterFulfilled: 'Fulfilled',
		empty: 'No wishes yet. Tap a button below to make one.',
		scanToClaim: 'Members: scan to claim',
		claimedBy: 'Claimed by {name}',
		fulfilled: 'Fulfilled',
		voiceBadge: 'Voice wish · {s} s',
		offline: 'Offline. You can still submit; it will sync when the network is back.',
		online: 'Back online',
		connecting: 'Connecting…'
	},
	kind: {
		wish: 'Wish',
		wishHint: 'Need help? e.g. shopping, homework',
		report: 'Report',
		reportHint: 'See a problem? e.g. lights out, blocked ditch'
	},
	status: {
		open: 'Open',
		claimed: 'Claimed',
		dispatched: 'Dispatched',
		contacted: 'Contacted',
		in_progress: 'In progress',
		resolved: 'Done',
		closed: 'Rated',
		reopened: 'Reopened',
		rejected: 'Not accepted',
		merged: 'Merged'
	},
	age: { now: 'just now', minute: '{n} min ago', hour: '{n} h ago', day: '{n} d ago' },
	intake: {
		back: 'Back',
		home: 'Home',
		next: 'Next',
		chooseCategory: 'What is it about?',
		writeTitle: 'Say it or write it',
		textPlaceholder: 'Write your wish or problem here',
		phrases: 'Tap to insert:',
		contactTitle: 'Contact (optional)',
		contactWhy: 'Only staff and your helper will see it',
		name: 'Name',
		phone: 'Phone',
		skip: 'Skip',
		confirmTitle: 'Please check',
		submit: 'Submit',
		edit: 'Change',
		sending: 'Submitting…',
		doneTitle: 'Thank you!',
		yourTicket: 'Your number',
		doneHint: 'Take your slip; it lets you check progress',
		backToWall: 'Back to the wall in {s} s'
	},
	errors: {
		empty_wish: 'Please say or write something first',
		text_too_long: 'Too long: 500 characters at most',
		text_bad_characters: 'The text has characters we cannot accept',
		name_too_long: 'Name too long: 20 characters at most',
		bad_phone: 'Phone: digits only (7 to 12)',
		invalid_payload: 'Something is wrong with the input',
		unauthorized: 'This device is not enrolled; please ask staff',
		protocol_mismatch: 'This device needs an update; please ask staff',
		conflict: 'Duplicate number; please ask staff',
		unavailable: 'The server is busy; please try again',
		timeout: 'Cannot reach the server; please try again later',
		generic: 'Something went wrong; please try again'
	}
};
