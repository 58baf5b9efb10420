// Helpers shared by the chapter-14 and chapter-15 parity tests.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const reference = join(import.meta.dirname, 'fixtures/reference');
export const readLog = (name: string) => readFileSync(join(reference, name), 'utf8').trim().split('\n');
export const readJson = (name: string) => JSON.parse(readFileSync(join(reference, name), 'utf8'));

export function sha256(array: Float32Array | Int32Array): string {
  const bytes = new Uint8Array(array.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < array.length; i++) {
    if (array instanceof Float32Array) view.setFloat32(i * 4, array[i], true);
    else view.setInt32(i * 4, array[i], true);
  }
  return createHash('sha256').update(bytes).digest('hex');
}

const lrOf = (line: string) => line.slice(line.indexOf('lr: '));

/** Lines of our run identical to the reference's, and the learning-rate strings all identical. */
export function compareLogs(ours: string[], theirs: string[]): number {
  assert.equal(ours.length, theirs.length, 'as many printed lines as the reference');
  assert.equal(ours[0], theirs[0], 'the epoch-0 line is identical');
  for (let i = 0; i < theirs.length - 1; i++) assert.equal(lrOf(ours[i]), lrOf(theirs[i]), `lr at line ${i}`);
  return ours.filter((line, i) => line === theirs[i]).length;
}

export function within(name: string, value: number, low: number, high: number): void {
  assert.ok(value >= low && value <= high, `${name} ${value} outside [${low}, ${high}]`);
}
