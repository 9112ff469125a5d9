import QRCode from 'qrcode';

/** QR codes as SVG markup (error correction M, the quiet zone the spec asks for). */
export function qrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

export const claimUrl = (publicUrl: string, claimCode: string) => `${publicUrl}/c/${claimCode}`;
export const trackUrl = (publicUrl: string, trackCode: string) => `${publicUrl}/t/${trackCode}`;
