// The bytes of the generated WebAssembly modules (the *-wasm.generated.ts files, built from assembly/
// by `npm run build:wasm`), which wasm-arena.ts instantiates.

/** The bytes of a base64 string, with the browser's and Node's own `atob`. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
