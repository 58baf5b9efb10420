// The kernels' shared memory: resident arrays (zeroed, apart, still valid and still resident after
// the memory grows), the allocator's reuse, the switch that turns residency off, and the patch that
// runs the shared-memory modules on an ordinary memory where no shared one can be made.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { KERNELS_WASM_BASE64 } from '../generated/kernels-wasm.generated.ts';
import { nonSharedVariant } from './arena-module.ts';
import { decodeBase64 } from './decode-base64.ts';
import {
  residentFloat32Array,
  residentFloat64Array,
  residentInt32Array,
  useResidentArrays,
  wasmArena,
} from './wasm-arena.ts';

function arena() {
  const a = wasmArena();
  if (a === null || !a.shared) assert.fail('Node makes a shared WebAssembly memory');
  return a;
}

test('resident arrays are zeroed, 16-aligned, apart from each other, and found by address', () => {
  const a = arena();
  const arrays = [
    residentFloat32Array(5),
    residentFloat64Array(3),
    residentInt32Array(7),
    residentFloat32Array(1),
  ];
  const spans = arrays.map((x) => {
    assert.ok(x.every((v) => v === 0));
    const at = a.addressOf(x);
    assert.ok(at >= 65536, 'never in the first page, kept for the modules');
    assert.equal(at % 16, 0);
    return [at, at + x.byteLength];
  });
  spans.sort((p, q) => p[0] - q[0]);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1], 'no two overlap');
  assert.equal(a.addressOf(new Float32Array(4)), -1, 'an ordinary array is not resident');
});

test('growing the memory leaves earlier resident arrays valid, resident, and unchanged', () => {
  const a = arena();
  const early = residentFloat64Array(100);
  early.forEach((_, i, x) => {
    x[i] = i * 1.5;
  });
  const before = a.memory.buffer.byteLength;
  const big = residentFloat32Array(before); // 4x the memory: it has to grow
  assert.ok(a.memory.buffer.byteLength > before);
  assert.equal(early.length, 100, 'not detached');
  assert.deepEqual(Array.from(early.slice(0, 3)), [0, 1.5, 3]);
  assert.ok(a.addressOf(early) >= 0 && a.addressOf(big) >= 0);
  assert.equal(a.heap().f64[(a.addressOf(early) >> 3) + 2], 3, 'the kernels see the same memory');
});

test('a released block is handed out again; one released at the top lowers the top', () => {
  const a = arena();
  const first = a.allocate(1000);
  const second = a.allocate(1000);
  a.release(first, 1008);
  assert.equal(a.allocate(1000), first, 'the same size comes back');
  a.release(second, 1008);
  assert.equal(a.allocate(2000), second, 'the top came down to the released block');
});

test('with residency off, the same calls make ordinary arrays', () => {
  useResidentArrays(false);
  try {
    const x = residentFloat32Array(8);
    assert.equal(arena().addressOf(x), -1);
    assert.ok(x.buffer instanceof ArrayBuffer);
  } finally {
    useResidentArrays(true);
  }
});

test('the modules run on an ordinary memory once their memory import is patched', () => {
  const bytes = decodeBase64(KERNELS_WASM_BASE64);
  const plain = nonSharedVariant(bytes);
  assert.ok(plain !== null);
  assert.throws(
    () =>
      new WebAssembly.Instance(new WebAssembly.Module(bytes), {
        env: { memory: new WebAssembly.Memory({ initial: 1, maximum: 32768 }) },
      }),
    'the unpatched module refuses an ordinary memory',
  );
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 32768 });
  const exports = new WebAssembly.Instance(new WebAssembly.Module(plain), { env: { memory } }).exports;
  assert.equal(typeof exports.gemm, 'function');
  // transposeToF64 of a float32 2x3 at 0 into float64 at 64: the module really uses that memory
  const f32 = new Float32Array(memory.buffer, 0, 6);
  f32.set([1, 2, 3, 4, 5, 6]);
  (exports.transposeToF64 as (s: number, s64: number, r: number, c: number, d: number) => void)(
    0,
    0,
    2,
    3,
    64,
  );
  assert.deepEqual(Array.from(new Float64Array(memory.buffer, 64, 6)), [1, 4, 2, 5, 3, 6]);
  assert.equal(
    nonSharedVariant(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0)),
    null,
    'no memory import: null',
  );
});

test('a request beyond what the memory can grow to is a clear error, not a RangeError from deep inside', () => {
  const a = arena();
  assert.throws(
    () => a.allocate(3 * 2 ** 30),
    (error: unknown) =>
      error instanceof ScratchnetError &&
      error.code === 'OUT_OF_MEMORY' &&
      /cannot grow by 3072 MB/.test(error.message) &&
      /batchSize/.test(error.hint ?? ''),
  );
  assert.ok(a.addressOf(residentFloat32Array(4)) >= 0, 'and the arena still works afterwards');
});
