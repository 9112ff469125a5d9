/**
 * One line of an item's history in words for staff: what happened, the words people gave, where
 * a field worker stood (as plain text: no map links to outside sites), the post it went to.
 */
import { categoryById, type CategoryId } from '$shared/domain/categories.ts';
import type { DeskTimelineEntry } from '$shared/schemas/desk.ts';
import { locationParts } from './desk-hop.ts';
import { fill, type Catalogue } from './i18n/index.ts';

export function timelineWords(e: DeskTimelineEntry, d: Catalogue['desk']): string {
	const data = e.data;
	const str = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
	const parts = [d.events[e.type] ?? e.type];
	const postName = str('postName');
	if (e.type === 'wish:dispatched' && postName) {
		const step = data.step === 'check' ? 'check' : 'work';
		parts.push(fill(d.timeline.toPost, { post: postName, step: d.item.steps[step] }));
	}
	if (e.type === 'wish:arrived') {
		const where = locationParts(data.location);
		if (where) parts.push(fill(where.m ? d.timeline.location : d.timeline.locationBare, where));
		const note = str('locationNote');
		if (note) parts.push(fill(d.timeline.locationNote, { note }));
	}
	for (const key of ['note', 'reason', 'text']) {
		const said = str(key);
		if (said) parts.push(`“${said}”`);
	}
	const category = str('category');
	if (e.type === 'wish:triaged' && category) {
		parts.push(
			`${categoryById(category as CategoryId).label}${data.urgent ? ' · ' + d.item.urgent : ''}`
		);
	}
	const via = str('via');
	if (via) parts.push(d.via[via as 'walk_in' | 'phone'] ?? '');
	if (typeof data.stars === 'number') parts.push(`${data.stars}★`);
	return parts.join(' ');
}
