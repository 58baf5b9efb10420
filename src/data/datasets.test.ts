import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { formatFloat32 } from './format-float32.ts';
import { linspaceAt } from './linspace.ts';
import { sineData } from './sine.ts';
import { spiralData } from './spiral.ts';
import { verticalData } from './vertical.ts';

// Golden data from test/fixtures/numpy/make_dataset_fixtures.py: nnfs's dataset code after nnfs.init().
// Float32 values are stored as the exact doubles they equal; every comparison below is exact.
interface DatasetFixture {
  samples: number;
  classes: number;
  X: number[];
  y: number[];
}
interface Fixtures {
  spiral100x3: DatasetFixture;
  spiral1000x3: DatasetFixture;
  spiralTwice: { first: DatasetFixture; second: DatasetFixture };
  spiralSmall: DatasetFixture[];
  vertical100x3: DatasetFixture;
  sine1000: { samples: number; X: number[]; y: number[] };
  spiralMidpointMarginUlps: Record<string, number>;
  float32Repr: [number, string][];
}
const fixtures: Fixtures = JSON.parse(
  readFileSync(new URL('../../test/fixtures/numpy/datasets.json', import.meta.url), 'utf8'),
);

/** Exact comparison that also tells -0 from 0 (deepEqual on Array.from would too, but names the index). */
function assertBitExact(actual: Matrix, expected: number[], label: string): void {
  assert.equal(actual.dtype, 'float32', `${label}: dtype`);
  assert.equal(actual.data.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual.data[i], expected[i])) {
      assert.fail(`${label}: element ${i} is ${actual.data[i]}, numpy has ${expected[i]}`);
    }
  }
}

function assertDataset(got: { X: Matrix; y: Int32Array }, expected: DatasetFixture, label: string): void {
  assert.deepEqual(got.X.shape, [expected.samples * expected.classes, 2], `${label}: shape`);
  assertBitExact(got.X, expected.X, label);
  assert.deepEqual(Array.from(got.y), expected.y, `${label}: labels`);
}

test('spiralData(100, 3) with seed 0 equals nnfs spiral_data(100, 3) after nnfs.init()', () => {
  assertDataset(spiralData(100, 3, new RandomState(0)), fixtures.spiral100x3, 'spiral(100, 3)');
});

test('spiralData(1000, 3) with seed 0 equals nnfs, all 6000 values', () => {
  assertDataset(spiralData(1000, 3, new RandomState(0)), fixtures.spiral1000x3, 'spiral(1000, 3)');
});

test('two spirals in a row from one generator: training set, then the validation set', () => {
  const rng = new RandomState(0);
  assertDataset(spiralData(100, 3, rng), fixtures.spiralTwice.first, 'first spiral');
  assertDataset(spiralData(100, 3, rng), fixtures.spiralTwice.second, 'second spiral');
});

test('tiny spirals: samples = 1 (linspace of one point, signed zeros), 2 and 3', () => {
  const rng = new RandomState(0);
  for (const expected of fixtures.spiralSmall) {
    const label = `spiral(${expected.samples}, ${expected.classes})`;
    assertDataset(spiralData(expected.samples, expected.classes, rng), expected, label);
  }
});

test("spiral points sit far from float32 rounding boundaries, so Math.sin/cos's last bit cannot matter", () => {
  for (const margin of Object.values(fixtures.spiralMidpointMarginUlps))
    assert.ok(margin > 1000, `${margin}`);
});

test('verticalData(100, 3) with seed 0 equals nnfs vertical_data(100, 3)', () => {
  assertDataset(verticalData(100, 3, new RandomState(0)), fixtures.vertical100x3, 'vertical(100, 3)');
});

test('sineData(1000) equals nnfs sine_data(1000) rounded to float32', () => {
  const { X, y } = sineData();
  assert.deepEqual(X.shape, [1000, 1]);
  assertBitExact(X, fixtures.sine1000.X, 'sine X');
  assertBitExact(y, fixtures.sine1000.y, 'sine y');
});

test('sineData’s sin option: Math.sin by default, any given function used as is, a non-function refused', () => {
  const plain = sineData(50, { dtype: 'float64' });
  assert.deepEqual(
    Array.from(plain.y.data),
    Array.from({ length: 50 }, (_, i) => Math.sin(2 * Math.PI * (i / 50))),
  );
  const given = sineData(50, { dtype: 'float64', sin: (x) => x / 2 });
  assert.deepEqual(
    Array.from(given.y.data),
    Array.from({ length: 50 }, (_, i) => Math.PI * (i / 50)),
  );
  assert.throws(
    // @ts-expect-error: a number where a function belongs, as plain JavaScript may pass
    () => sineData(5, { sin: 3 }),
    (e: unknown) => e instanceof ScratchnetError && e.code === 'INVALID_OPTION' && /function/.test(e.message),
  );
});

test('linspace follows numpy: i * step + start, last element exactly stop, one point is start', () => {
  assert.equal(linspaceAt(0, 1, 3, 1), 0.5);
  assert.equal(linspaceAt(4, 8, 7, 6), 8);
  assert.equal(linspaceAt(4, 8, 1, 0), 4);
  // 3 * (1 / 10) + 0 is 0.30000000000000004, not 0.3: numpy's value, not the nearest to 3/10
  assert.equal(linspaceAt(0, 1, 11, 3), 0.30000000000000004);
});

test('bad dataset arguments: INVALID_OPTION naming the value', () => {
  const cases: [() => unknown, string][] = [
    [() => spiralData(0, 3, new RandomState(0)), 'samples must be an integer >= 1, got 0'],
    [() => spiralData(10.5, 3, new RandomState(0)), '10.5'],
    [() => spiralData(10, 0, new RandomState(0)), 'classes must be an integer >= 1, got 0'],
    [() => verticalData(10, -1, new RandomState(0)), '-1'],
    [() => spiralData(10, 3, {} as RandomState), 'RandomState'],
    [() => sineData(0), 'got 0'],
    [() => spiralData(2 ** 20, 2 ** 10, new RandomState(0)), 'too many'],
  ];
  for (const [fn, mentions] of cases) {
    assert.throws(fn, (error: unknown) => {
      assert.ok(error instanceof ScratchnetError);
      assert.equal(error.code, 'INVALID_OPTION');
      assert.ok(error.message.includes(mentions), error.message);
      return true;
    });
  }
});

test("formatFloat32 prints numpy's digits for np.float32 values", () => {
  for (const [value, numpyText] of fixtures.float32Repr) {
    const text = formatFloat32(value);
    // same decimal value; the notation differs (numpy "1e-08", JavaScript "1e-8")
    assert.equal(
      Number.parseFloat(text),
      Number.parseFloat(numpyText),
      `${value}: ${text} vs numpy ${numpyText}`,
    );
  }
  assert.equal(formatFloat32(0), '0');
  assert.equal(formatFloat32(-0), '-0');
  assert.equal(formatFloat32(3), '3');
  assert.equal(formatFloat32(100), '100');
  assert.equal(formatFloat32(0.1), '0.1');
  assert.equal(formatFloat32(Math.fround(0.1) * 3), '0.3'); // rounded to float32 first
  assert.equal(formatFloat32(178616.125), '178616.12'); // a tie: even digit, as numpy
  assert.equal(formatFloat32(Number.NaN), 'NaN');
  assert.equal(formatFloat32(Number.NEGATIVE_INFINITY), '-Infinity');
});

test('property: formatFloat32 round-trips every finite float32 bit pattern', () => {
  const bits = new Uint32Array(1);
  const view = new Float32Array(bits.buffer);
  fc.assert(
    fc.property(fc.nat(2 ** 32 - 1), (pattern) => {
      bits[0] = pattern;
      const value = view[0];
      if (!Number.isFinite(value)) return true;
      const text = formatFloat32(value);
      const significantDigits = text.replace(/^-|e.*$|\./g, '').replace(/^0+|0+$/g, '');
      return Object.is(Math.fround(Number.parseFloat(text)), value) && significantDigits.length <= 9;
    }),
    { seed: 15, numRuns: 5000 },
  );
});

test('spiral and vertical take a noise option whose default is the book’s: 0.2 and 0.1 give the same bits', () => {
  assertDataset(
    spiralData(100, 3, new RandomState(0), { noise: 0.2 }),
    fixtures.spiral100x3,
    'spiral noise 0.2',
  );
  assertDataset(
    verticalData(100, 3, new RandomState(0), { noise: 0.1 }),
    fixtures.vertical100x3,
    'vertical noise 0.1',
  );
});

test('spiral noise scales the angle’s jitter: noise 0 gives the bare spiral arms, and the same draws', () => {
  const rng = new RandomState(4);
  const { X } = spiralData(50, 2, rng, { noise: 0 });
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < 50; i++) {
      const r = linspaceAt(0, 1, 50, i);
      const t = linspaceAt(4 * c, 4 * (c + 1), 50, i);
      const row = 50 * c + i;
      assert.equal(X.data[2 * row], Math.fround(r * Math.sin(t * 2.5)), `row ${row}`);
      assert.equal(X.data[2 * row + 1], Math.fround(r * Math.cos(t * 2.5)), `row ${row}`);
    }
  }
  // the generator moved as far as with the book's noise: the weights drawn next are the same
  const book = new RandomState(4);
  spiralData(50, 2, book);
  assert.equal(rng.random(), book.random());
  assert.notDeepEqual(spiralData(50, 2, new RandomState(4), { noise: 0.5 }).X.data, X.data);
});

test('vertical noise 0 puts each class on its point (c / 3, 0.5)', () => {
  const { X, y } = verticalData(20, 3, new RandomState(1), { noise: 0 });
  for (let row = 0; row < X.rows; row++) {
    assert.equal(X.data[2 * row], Math.fround(y[row] / 3));
    assert.equal(X.data[2 * row + 1], 0.5);
  }
});

test('a bad spiral or vertical noise is refused, naming it', () => {
  assert.throws(() => spiralData(10, 2, new RandomState(0), { noise: -0.2 }), /spiralData noise/);
  assert.throws(() => verticalData(10, 2, new RandomState(0), { noise: Number.NaN }), /verticalData noise/);
  assert.throws(
    () => spiralData(10, 2, new RandomState(0), { jitter: 1 } as object),
    (error: unknown) => error instanceof ScratchnetError && error.code === 'UNKNOWN_OPTION',
  );
});
