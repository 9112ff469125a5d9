/**
 * Printing the slip with the browser's print (kiosk Chromium runs with --kiosk-printing, so it
 * goes straight to the default printer). While a print is in flight the idle reset waits.
 */

/** print() blocks until the job is spooled in kiosk mode; a short grace covers the rest. */
const GRACE_MS = 1500;

class Printer {
	printing = $state(false);
	/** The last print failure, reported in the kiosk's heartbeat so the desk can send someone. */
	error = $state<string | null>(null);
	#queue: Promise<void> = Promise.resolve();

	/**
	 * Prints after the slip's QR codes have rendered. A slip asked for while another is still
	 * printing (a quick next visitor) waits its turn instead of being dropped.
	 */
	print(): Promise<void> {
		this.#queue = this.#queue.then(() => this.#printNow());
		return this.#queue;
	}

	async #printNow(): Promise<void> {
		this.printing = true;
		try {
			// Two frames: the slip's SVGs and the @page rule are in the document before printing.
			await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
			window.print();
			this.error = null;
		} catch (err) {
			this.error = String(err).slice(0, 200);
		} finally {
			await new Promise((r) => setTimeout(r, GRACE_MS));
			this.printing = false;
		}
	}
}

export const printer = new Printer();
