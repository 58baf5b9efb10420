// The pace of a helper thread (helper-pace.ts), on a clock the test sets: which parts are late, when a
// rest begins, how long it lasts, and when a helper is trusted again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { HelperPace, helperCounts, PACE } from './helper-pace.ts';

const SHARE = 0.1; // the caller's own share, in ms

/** Records `late` parts in a row at clock time `now`; whether the last one began a rest. */
function lateParts(pace: HelperPace, count: number, now: number): boolean {
  let rested = false;
  for (let i = 0; i < count; i++) rested = pace.record(true, SHARE, 0, now);
  return rested;
}

test('a part is late when taken back, or waited for longer than the caller took for its own share', () => {
  const pace = new HelperPace();
  const late = helperCounts.late;
  pace.record(false, SHARE, 0, 0);
  pace.record(false, SHARE, SHARE, 0);
  assert.equal(helperCounts.late - late, 0);
  pace.record(false, SHARE, 1.01 * SHARE, 0);
  pace.record(true, SHARE, 0, 0);
  assert.equal(helperCounts.late - late, 2);
});

test('late parts in a row begin a rest of firstRestMs; the helper is at work again when it ends', () => {
  const pace = new HelperPace();
  assert.equal(lateParts(pace, PACE.latenessToRest - 1, 5), false);
  assert.equal(pace.resting(5), false);
  assert.equal(pace.record(true, SHARE, 0, 5), true);
  assert.equal(pace.restUntil, 5 + PACE.firstRestMs);
  assert.equal(pace.resting(5 + PACE.firstRestMs - 0.001), true);
  assert.equal(pace.resting(5 + PACE.firstRestMs), false);
  assert.equal(pace.restUntil, 0);
});

test('rests double while the helper stays late, up to longestRestMs; parts on time in a row trust it again', () => {
  const pace = new HelperPace();
  let now = 0;
  let expected: number = PACE.firstRestMs;
  for (let rest = 0; rest < 12; rest++) {
    assert.equal(lateParts(pace, PACE.latenessToRest, now), true);
    assert.equal(pace.lastRest, expected, `rest ${rest}`);
    now = pace.restUntil;
    assert.equal(pace.resting(now), false);
    expected = Math.min(PACE.longestRestMs, 2 * expected);
  }
  assert.equal(pace.lastRest, PACE.longestRestMs);
  // on time, but not long enough: the next rest is still a long one
  for (let i = 0; i < PACE.onTimeToTrust - 1; i++) pace.record(false, SHARE, 0, now);
  lateParts(pace, PACE.latenessToRest, now);
  assert.equal(pace.lastRest, PACE.longestRestMs);
  now = pace.restUntil;
  pace.resting(now);
  for (let i = 0; i < PACE.onTimeToTrust; i++) pace.record(false, SHARE, 0, now);
  lateParts(pace, PACE.latenessToRest, now);
  assert.equal(pace.lastRest, PACE.firstRestMs);
});

test('property: a helper on time at least every other part never rests', () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { maxLength: 400 }), (pattern) => {
      const pace = new HelperPace();
      // each late part (true) is followed by one on time
      for (const late of pattern) {
        if (late) assert.equal(pace.record(true, SHARE, 0, 0), false);
        assert.equal(pace.record(false, SHARE, 0, 0), false);
      }
    }),
    { seed: 14, numRuns: 200 },
  );
});
