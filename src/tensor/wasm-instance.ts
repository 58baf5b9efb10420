// Instantiating the small generated WebAssembly modules (binomial-wasm.generated.ts,
// layers/relu-dropout-wasm.generated.ts, built from assembly/ by `npm run build:wasm`).

/** The bytes of a base64 string, with the browser's and Node's own `atob`. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compiles and instantiates base64 module bytes synchronously, or null where WebAssembly is missing
 * or refuses (the modules are under 4 KB, which even a browser's main thread compiles synchronously).
 */
export function instantiateBase64(base64: string): WebAssembly.Exports | null {
  if (typeof WebAssembly !== 'object') return null;
  try {
    return new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(base64)), {}).exports;
  } catch {
    return null;
  }
}
