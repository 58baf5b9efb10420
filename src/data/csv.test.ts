import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { withCode } from '../../test/assertions.ts';
import { MAX_CLASS_LABEL, parseCsv } from './csv.ts';
import { formatFloat32 } from './format-float32.ts';

describe('parseCsv', () => {
  test('features and integer labels, label column last by default', () => {
    const data = parseCsv('x0,x1,label\n0.5,-1,2\n1e-3,4,0\n');
    assert.deepEqual(data.featureNames, ['x0', 'x1']);
    assert.equal(data.labelName, 'label');
    assert.deepEqual(data.X.toRows(), [
      [0.5, -1],
      [Math.fround(1e-3), 4],
    ]);
    assert.deepEqual(Array.from(data.labels ?? []), [2, 0]);
  });

  test('a named label column anywhere; non-integer labels are regression targets', () => {
    const data = parseCsv('y,x\n0.25,1\n-0.5,2', { label: 'y' });
    assert.deepEqual(data.featureNames, ['x']);
    assert.equal(data.labels, null);
    assert.deepEqual(Array.from(data.targets.data), [0.25, -0.5]);
    assert.deepEqual(Array.from(data.X.data), [1, 2]);
  });

  test('values written by formatFloat32 read back as the same float32 (seeded property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 20 }),
        (values) => {
          const text = `x,label\n${values.map((v) => `${formatFloat32(v)},1`).join('\n')}\n`;
          const data = parseCsv(text);
          values.forEach((v, i) => {
            assert.ok(Object.is(data.X.data[i], Math.fround(v)) || (v === 0 && data.X.data[i] === 0));
          });
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  test('a byte-order mark does not become part of the first column name', () => {
    const csv = parseCsv('\uFEFFx0,x1,label\n1,2,0\n', { label: 'label' });
    assert.deepEqual(csv.featureNames, ['x0', 'x1']);
    assert.equal(parseCsv('\uFEFFlabel,x\n1,2\n', { label: 'label' }).labelName, 'label');
  });

  test('a label too large for Int32 is not a class (it wrapped to class 0), and says where it is', () => {
    const data = parseCsv('x,label\n1,0\n2,4294967296\n3,1\n');
    assert.equal(data.labels, null);
    assert.deepEqual(data.notAClass, { line: 3, value: 4294967296 });
    assert.deepEqual(Array.from(parseCsv(`x,label\n1,${MAX_CLASS_LABEL}\n`).labels ?? []), [MAX_CLASS_LABEL]);
  });

  test('the first label that is not a whole number >= 0 is named with its line', () => {
    assert.deepEqual(parseCsv('x,label\n1,1\n2,-1\n3,1.5\n').notAClass, { line: 3, value: -1 });
    assert.equal(parseCsv('x,label\n1,1\n2,0\n').notAClass, null);
  });

  const bad: [string, string, Parameters<typeof withCode>][] = [
    ['an empty file', '', ['BAD_DATA', 'empty']],
    ['a header without rows', 'x0,x1,label\n', ['BAD_DATA', 'no rows']],
    ['a ragged row', 'x0,x1,label\n1,2,0\n1,2\n', ['BAD_DATA', 'line 3 has 2 values, the header has 3']],
    [
      'a non-numeric cell',
      'x0,x1,label\n1,abc,0\n',
      ['BAD_DATA', 'line 2, column x1: "abc" is not a number'],
    ],
    ['NaN', 'x0,x1,label\n1,NaN,0\n', ['NON_FINITE_INPUT', 'line 2, column x1']],
    ['Infinity', 'x0,x1,label\n1,2,-Infinity\n', ['NON_FINITE_INPUT', 'column label']],
    ['an empty cell', 'x0,x1,label\n1,,0\n', ['BAD_DATA', 'line 2, column x1']],
    // finite as a double, Infinity as the float32 it is stored in
    [
      '1e39',
      'x0,x1,label\n1,-1e39,0\n',
      ['NON_FINITE_INPUT', "line 2, column x1: -1e39 is beyond float32's range"],
    ],
    ['a single column', 'label\n1\n', ['BAD_DATA', '1 column']],
    // issue 15: the first "label" was the label and the second a feature, without a word
    [
      'two columns named label',
      'label,x,label\n0,1,1\n',
      ['BAD_DATA', 'two columns "label" (columns 1 and 3)'],
    ],
  ];
  for (const [name, text, [code, named]] of bad) {
    test(`refuses ${name}`, () => assert.throws(() => parseCsv(text), withCode(code, named)));
  }

  test('refuses a label column that does not exist, listing the columns', () => {
    assert.throws(() => parseCsv('a,b\n1,2\n', { label: 'class' }), withCode('BAD_DATA', '"class"'));
    assert.throws(
      () => parseCsv('a,b\n1,2\n', { label: 'class' }),
      (e: Error & { hint?: string }) => /a, b/.test(e.hint ?? ''),
    );
  });
});
