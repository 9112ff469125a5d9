/**
 * Where the worker stands at 已到场, if the phone will say: a short wait, never a hang. WeChat's
 * browser and pages over plain http often have no location at all; arrival is recorded anyway,
 * with the reason in place of a position.
 */
export type Located =
	| { ok: true; lat: number; lng: number; accuracyM: number }
	| { ok: false; why: 'denied' | 'unavailable' | 'timeout' | 'unsupported' };

const WAIT_MS = 8_000;

export function locate(): Promise<Located> {
	if (typeof navigator === 'undefined' || !navigator.geolocation) {
		return Promise.resolve({ ok: false, why: 'unsupported' });
	}
	return new Promise((resolve) => {
		// Some in-app browsers never call back at all: give up a little after the API's own timeout.
		const guard = setTimeout(() => resolve({ ok: false, why: 'timeout' }), WAIT_MS + 2_000);
		const done = (r: Located) => {
			clearTimeout(guard);
			resolve(r);
		};
		try {
			navigator.geolocation.getCurrentPosition(
				(p) =>
					done({
						ok: true,
						lat: p.coords.latitude,
						lng: p.coords.longitude,
						accuracyM: Math.max(0, Math.round(p.coords.accuracy))
					}),
				(err) =>
					done({
						ok: false,
						why:
							err.code === err.PERMISSION_DENIED
								? 'denied'
								: err.code === err.TIMEOUT
									? 'timeout'
									: 'unavailable'
					}),
				{ enableHighAccuracy: true, timeout: WAIT_MS, maximumAge: 60_000 }
			);
		} catch {
			done({ ok: false, why: 'unavailable' });
		}
	});
}
