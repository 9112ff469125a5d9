/**
 * Which editor is open on a desk page (the station services, the activities): one at a time, by
 * key ('service:3', 'site:2', 'new' …). After a save the form resets, the page's data reloads and
 * the editor closes; a refusal keeps it open with what was typed.
 */
export class OpenEditor {
	key = $state<string | null>(null);

	open(key: string): void {
		this.key = key;
	}

	/** Opens the editor, or closes it when it is the one already open. */
	toggle(key: string): void {
		this.key = this.key === key ? null : key;
	}

	close(): void {
		this.key = null;
	}

	/** For use:enhance on the editors' forms. */
	readonly enhance = () => {
		return async ({
			update,
			result
		}: {
			update: () => Promise<void>;
			result: { type: string };
		}) => {
			await update();
			if (result.type === 'success') this.key = null;
		};
	};
}
