/** Where staff land when they scan a sign-up slip: the desk marks the resident present. */
export const checkInUrl = (publicUrl: string, slipCode: string): string =>
	`${publicUrl}/desk/stations/checkin/${slipCode}`;
