/** Masks a resident's name for public walls: "郭建国" → "郭**". Empty stays empty. */
export function maskName(name: string): string {
	const first = Array.from(name.trim())[0];
	return first ? `${first}**` : '';
}
