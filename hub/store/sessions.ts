export interface SessionsRepo {
	insertSession(
		s: { memberId: number; tokenHash: string; expiresAt: number },
		now: number
	): Promise<void>;
	/** The member id of a live (unexpired) session, or undefined. */
	liveSessionMember(tokenHash: string, now: number): Promise<number | undefined>;
	deleteSession(tokenHash: string): Promise<void>;
	/** Ends every session of a member (deactivation, PIN change). */
	deleteMemberSessions(memberId: number): Promise<void>;
	deleteExpiredSessions(now: number): Promise<void>;
}
