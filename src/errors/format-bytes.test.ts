import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes } from './format-bytes.ts';

test('formatBytes uses decimal units and keeps one decimal below 100', () => {
  assert.equal(formatBytes(0), '0 bytes');
  assert.equal(formatBytes(999), '999 bytes');
  assert.equal(formatBytes(1000), '1.0 kB');
  assert.equal(formatBytes(3_400_000), '3.4 MB');
  assert.equal(formatBytes(10.6e9), '10.6 GB');
  assert.equal(formatBytes(400e9), '400 GB');
  assert.equal(formatBytes(1.2e12), '1.2 TB');
  assert.equal(formatBytes(Number.POSITIVE_INFINITY), 'Infinity bytes');
  // past the last unit, an exponent rather than hundreds of digits
  assert.equal(formatBytes(1.1e304), '1.1e+286 EB');
});
