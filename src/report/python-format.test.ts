import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import fc from 'fast-check';
import { pythonFixed, pythonRepr } from './python-format.ts';

test('repr matches Python on the layouts that differ from JavaScript', () => {
  assert.equal(pythonRepr(1), '1.0');
  assert.equal(pythonRepr(0.02), '0.02');
  assert.equal(pythonRepr(5e-5), '5e-05');
  assert.equal(pythonRepr(0.0001), '0.0001');
  assert.equal(pythonRepr(1.5e-5), '1.5e-05');
  assert.equal(pythonRepr(1e16), '1e+16');
  assert.equal(pythonRepr(123456789.5), '123456789.5');
  assert.equal(pythonRepr(-0.019999), '-0.019999');
  assert.equal(pythonRepr(0), '0.0');
});

test('fixed rounds exact ties to even, as Python does, and other values by their exact binary value', () => {
  assert.equal(pythonFixed(0.0625, 3), '0.062'); // exact tie: Python rounds to even, toFixed up
  assert.equal(pythonFixed(0.1875, 3), '0.188'); // exact tie, already even upwards
  assert.equal(pythonFixed(0.1235, 3), '0.123'); // 0.1235 is really 0.12349999…
  assert.equal(pythonFixed(2.5, 0), '2');
  assert.equal(pythonFixed(0.9995, 3), '1.000'); // 0.99950000000000005…
  assert.equal(pythonFixed(-0.0625, 3), '-0.062');
});

// Python is on the machines this project runs on; compare against it directly when present.
function python(lines: string[]): string[] | null {
  try {
    const script = `import sys\nfor line in sys.stdin:\n    kind, value = line.split()\n    x = float.fromhex(value)\n    print(repr(x) if kind == 'r' else f'{x:.3f}')`;
    return execFileSync('python3', ['-c', script], { input: lines.join('\n') })
      .toString()
      .trim()
      .split('\n');
  } catch {
    return null;
  }
}

function hex(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? '-' : '';
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const mantissa = (bits & ((1n << 52n) - 1n)).toString(16).padStart(13, '0');
  if (exponent === 0) return `${sign}0x0.${mantissa}p-1022`;
  return `${sign}0x1.${mantissa}p${exponent - 1023}`;
}

test('repr and .3f agree with python3 on random doubles and float32 values', (t) => {
  const values = fc.sample(
    fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.float({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }).map(Math.fround),
      fc.integer({ min: 0, max: 4000 }).map((k) => k / 2000),
    ),
    { seed: 42, numRuns: 2000 },
  );
  const lines = values.flatMap((x) => [`r ${hex(x)}`, `f ${hex(x)}`]);
  const expected = python(lines);
  if (expected === null) {
    t.skip('python3 not available');
    return;
  }
  values.forEach((x, i) => {
    assert.equal(pythonRepr(x), expected[2 * i], `repr of ${x}`);
    assert.equal(pythonFixed(x, 3), expected[2 * i + 1], `.3f of ${x}`);
  });
});
