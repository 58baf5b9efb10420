// The committed WebAssembly bytes (the matrix products, the dropout mask, the fused ReLU + Dropout)
// are what assembly/ compiles to: no drift between the AssemblyScript source a reader reviews and the
// binary the library runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

test('every *-wasm.generated.ts is the compilation of assembly/ (npm run build:wasm)', () => {
  const r = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});
