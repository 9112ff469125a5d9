/** The espeak-ng npm package ships no types: the Emscripten module factory as we use it. */
declare module 'espeak-ng' {
	interface ESpeakModule {
		FS: { readFile(path: string): Uint8Array };
	}
	export default function ESpeakNg(opts: { arguments: string[] }): Promise<ESpeakModule>;
}
