/**
 * QR codes as SVG markup (error correction M, the quiet zone the spec asks for). The encoder is
 * imported on first use: the wall paints its cards first and their codes a moment later.
 */
export async function qrSvg(url: string): Promise<string> {
	const { default: QRCode } = await import('qrcode');
	return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

export const claimUrl = (publicUrl: string, claimCode: string) => `${publicUrl}/c/${claimCode}`;
export const trackUrl = (publicUrl: string, trackCode: string) => `${publicUrl}/t/${trackCode}`;
/** Where staff land when they scan a sign-up slip: the desk marks the resident present. */
export const checkInUrl = (publicUrl: string, slipCode: string) =>
	`${publicUrl}/desk/stations/checkin/${slipCode}`;
