import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { parseNumber, parsePositiveInteger, parseSeed } from './parse.ts';

test('decimal numbers are read as written', () => {
  assert.equal(parseNumber('16'), 16);
  assert.equal(parseNumber(' -0.5 '), -0.5);
  assert.equal(parseNumber('.5'), 0.5);
  assert.equal(parseNumber('5e-4'), 5e-4);
  assert.equal(parseNumber('1E+21'), 1e21);
  assert.equal(parsePositiveInteger('1e4'), 10000);
});

test('0x10, 0b10 and 0o10 are refused, not read as 16, 2 and 8', () => {
  for (const text of ['0x10', '0b10', '0o10', '0X1F']) {
    assert.throws(() => parsePositiveInteger(text), InvalidArgumentError, text);
    assert.throws(() => parseSeed(text), InvalidArgumentError, text);
  }
});

test('text, empty values, Infinity and NaN are refused', () => {
  for (const text of ['', ' ', 'many', 'Infinity', '-Infinity', 'NaN', '1e400', '1,5', '1_000']) {
    assert.throws(() => parseNumber(text), /expected a number/, text);
  }
});
