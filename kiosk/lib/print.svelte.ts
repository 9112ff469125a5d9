/**
 * Printing the slip with the browser's print (kiosk Chromium runs with --kiosk-printing, so it
 * goes straight to the default printer). While a print is in flight the idle reset waits.
 */

class Printer {
	printing = $state(false);
	/** The last print failure, reported in the kiosk's heartbeat so the desk can send someone. */
	error = $state<string | null>(null);

	/** Prints after the slip's QR codes have rendered; resolves when the print dialog is done. */
	async print(): Promise<void> {
		if (this.printing) return;
		this.printing = true;
		try {
			// Two frames: the slip's SVGs and the @page rule are in the document before printing.
			await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
			window.print();
			this.error = null;
		} catch (err) {
			this.error = String(err).slice(0, 200);
		} finally {
			// print() blocks until the job is spooled in kiosk mode; a short grace covers the rest.
			setTimeout(() => (this.printing = false), 1500);
		}
	}
}

export const printer = new Printer();
