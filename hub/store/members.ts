export interface MemberRow {
	id: number;
	member_no: string;
	display_name: string;
	phone: string;
	site_id: number | null;
	site_slug: string | null;
	site_name: string | null;
	skills: string;
	pin_hash: string | null;
	/** 1: a party member (claims micro-wishes); 0: a field worker only. */
	party: number;
	active: number;
	pin_failures: number;
	locked_until: number | null;
}

export interface NewMember {
	memberNo: string;
	displayName: string;
	phone: string;
	siteId: number | null;
	skills: string;
	/** Null: the member cannot sign in until a PIN is set. */
	pinHash: string | null;
	/** A party member; absent: yes. A field worker who is not one is false. */
	party?: boolean;
}

/** A post a field worker belongs to. */
export interface WorkerPost {
	member_id: number;
	post_id: number;
	post_name: string;
}

export interface MembersRepo {
	insertMember(m: NewMember, now: number): Promise<number>;
	memberByNo(memberNo: string): Promise<MemberRow | undefined>;
	memberById(id: number): Promise<MemberRow | undefined>;
	/** Every member, active ones first, by member number. */
	listMembers(): Promise<MemberRow[]>;
	/** Counts one wrong PIN; locks the member until lockUntil once the count reaches maxFailures. */
	recordPinFailure(
		id: number,
		maxFailures: number,
		lockUntil: number
	): Promise<{ failures: number; lockedUntil: number | null }>;
	clearPinFailures(id: number): Promise<void>;
	setPinHash(id: number, pinHash: string): Promise<void>;
	setMemberActive(id: number, active: boolean): Promise<void>;
	/** The posts of the given accounts (field workers), by post name; all accounts when absent. */
	workerPosts(memberIds?: readonly number[]): Promise<WorkerPost[]>;
	/** Makes the account a worker of exactly these posts (none: not a field worker). */
	setWorkerPosts(memberId: number, postIds: readonly number[]): Promise<void>;
	setParty(memberId: number, party: boolean): Promise<void>;
}
