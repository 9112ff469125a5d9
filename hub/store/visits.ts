export interface VisitsRepo {
	insertVisit(v: {
		siteId: number;
		kioskId: number | null;
		day: string;
		at: number;
	}): Promise<void>;
	/** When this kiosk last counted a visit (null when never). */
	lastVisitAt(kioskId: number): Promise<number | null>;
	visitsOn(siteId: number, day: string): Promise<number>;
	/** Visits per site and day in [fromDay, toDay] (Shanghai dates, inclusive). */
	visitsByDay(
		fromDay: string,
		toDay: string,
		siteId?: number
	): Promise<{ site_id: number; day: string; n: number }[]>;
}
