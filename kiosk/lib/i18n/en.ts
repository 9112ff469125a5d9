import { deskEn } from './desk.en.ts';
import type { Catalogue } from './zh-CN.ts';

export const en: Catalogue = {
	appName: 'Wish Wall',
	desk: deskEn,
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
	wallNav: {
		track: 'Progress / rate',
		trackHint: 'Check your slip\'s progress',
		trackSoon: 'Progress and rating open soon; please ask staff meanwhile.',
		page: 'Page {n} / {total}',
		celebrate: 'Another wish came true!',
		online: 'Back online'
	},
	say: {
		title: 'Say it or write it',
		recordStart: 'Tap to start talking',
		recordStop: 'Done? Tap here',
		recording: 'Recording',
		seconds: '{s} s',
		maxHint: '90 s at most',
		recorded: 'Recorded {s} s',
		play: 'Listen',
		stopPlay: 'Stop',
		rerecord: 'Record again',
		remove: 'Delete recording',
		or: 'Or write:',
		count: '{n} characters (500 at most)',
		next: 'Next'
	},
	voice: {
		micDenied: 'Could not open the microphone. Please write, or ask staff.',
		micMissing: 'This machine has no microphone. Please write, or ask staff.',
		micInsecure: 'This machine may not record. Please write, or ask staff.',
		tooShort: 'Too short; tap the button and speak slowly.',
		uploadFailed: 'The recording did not upload. Tap Submit again, or ask staff.',
		badge: 'Voice wish · {s} s'
	},
	contact: {
		title: 'Contact (optional)',
		why: 'Only staff and your helper will see it',
		name: 'Name (e.g. Granny Wang)',
		phone: 'Phone',
		delete: 'Delete',
		clear: 'Clear',
		done: 'Done',
		skip: 'Skip'
	},
	confirm: {
		title: 'Please check',
		kind: 'Type',
		category: 'Category',
		content: 'Content',
		contact: 'Contact',
		noContact: 'None',
		addContact: 'Add contact (optional)',
		editContact: 'Change contact',
		edit: 'Change',
		submit: 'Submit',
		sending: 'Submitting…'
	},
	done: {
		title: 'Thank you!',
		ticket: 'Your number',
		printing: 'Printing your slip; please take it',
		printed: 'Take your slip; it lets you check progress',
		reprint: 'Print again',
		home: 'Home',
		backIn: 'Back to the wall in {s} s'
	},
	idle: {
		title: 'Need more time?',
		hint: 'Tap anywhere to continue',
		countdown: 'Back to the wall in {s} s; your input will be cleared',
		keep: 'Continue'
	},
	slip: {
		ticket: 'No.',
		category: 'Category',
		voice: 'Voice wish',
		claim: 'Members: scan to claim',
		track: 'Scan to check and rate',
		code: 'Code',
		willSync: 'Will sync when back online'
	},
	readAloud: {
		button: 'Read aloud',
		stop: 'Stop',
		unavailable: 'Read-aloud is not available here',
		prompts: {
			wall: 'Hello! Tap the red button for a wish, the blue one to report a problem.',
			category: 'Choose what it is about.',
			say: 'Tap the red round button and speak; tap again when done. Or write below.',
			contact: 'You may leave a name and phone; only staff and your helper see them.',
			confirm: 'Please check your wish, then tap Submit.',
			done: 'Thank you! Please take your slip.',
			idle: 'Need more time? Tap the screen to continue.',
			track: 'Progress and rating open soon.'
		}
	},
	phone: {
		title: 'Send a wish online',
		intro: 'Say or write your wish; staff will handle it soon',
		trackTitle: 'Keep this link to check progress',
		trackLink: 'Progress and rating',
		rateLimited: 'Too many submissions; please try again in a few minutes',
		notFound: 'No such service point',
		posterTitle: 'Scan to send a wish or report a problem',
		posterHint: 'Scan with WeChat, then say or write it',
		posterFooter: 'Check progress and rate afterwards'
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
