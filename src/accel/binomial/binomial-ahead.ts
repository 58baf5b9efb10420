// Drawing the next dropout mask ahead, on a helper thread, while the main thread trains on this one.
// A mask is one long sequential MT19937 stream (about a seventh of a spiral epoch), and training asks
// for the same mask again and again: same generator, same p, same length, nothing else drawn in
// between. So after a draw, when the same request came twice in a row, a helper draws the next one,
// from a copy of the generator's state, into a buffer of its own, which the next request copies out
// (a copy costs a small fraction of a draw). The next request takes it only if the generator's state is still
// exactly the state the helper started from: the mask and the state after it are then the very ones
// the main thread would draw itself (the draw is a function of the state, p and the length), so
// numpy's stream is kept bit for bit. Anything else (another p or length, another buffer, a draw in
// between, a reseed, threads changed, a helper that has not started by then) is a miss: the main
// thread draws as usual.

import { MT_STATE_LENGTH, type MT19937 } from '../../tensor/mt19937.ts';
import { residentInt32Array, wasmArena } from '../arena/wasm-arena.ts';
import type { KernelHelper } from '../threads/kernel-helper.ts';
import { Job } from '../threads/kernel-jobs.ts';
import { helperForBackground, kernelThreads } from '../threads/kernel-team.ts';
import type { OneTrialConstants } from './binomial-wasm.ts';

/** Below this many elements a draw takes under ~10 µs: not worth a helper's wake-up. */
const AHEAD_MIN_ELEMENTS = 4096;

/**
 * After this many draws ahead in a row were missed, draw ahead only on every RETRY_EVERY-th draw:
 * when something else draws from the generator between two masks (another layer's mask of another
 * width, say), a draw ahead is never taken and only keeps a helper from the kernels.
 */
const MISSES_TO_BACK_OFF = 2;
const RETRY_EVERY = 32;

/** The position word before the helper has written it: never a real position (0 to 624). */
const NOT_WRITTEN = -1;

/** The last request (generator, constants, length), kept in fields: nothing is allocated per draw. */
class Request {
  mt: MT19937 | null = null;
  trial: OneTrialConstants | null = null;
  count = 0;

  set(mt: MT19937 | null, trial: OneTrialConstants | null, count: number): void {
    this.mt = mt;
    this.trial = trial;
    this.count = count;
  }

  is(mt: MT19937, trial: OneTrialConstants, count: number): boolean {
    return this.mt === mt && this.count === count && this.trial !== null && sameTrial(this.trial, trial);
  }
}

const last = new Request();
/** The request a helper is drawing ahead for, the helper, and the state it started from. */
const pending = new Request();
let pendingHelper: KernelHelper | null = null;
let startPos = 0;
const startKey = new Uint32Array(MT_STATE_LENGTH);
/** The helper's copy of the state words, then the position word it writes last. */
let state: Int32Array | null = null;
/** Where the helper draws, one buffer reused while the length stays the same. */
let ahead: Int32Array | null = null;

/** Per generator: draws ahead missed in a row, and draws since the last try while backing off. */
const record = new WeakMap<MT19937, { missesInARow: number; drawsSinceTry: number }>();

function recordOf(mt: MT19937): { missesInARow: number; drawsSinceTry: number } {
  let r = record.get(mt);
  if (r === undefined) {
    r = { missesInARow: 0, drawsSinceTry: 0 };
    record.set(mt, r);
  }
  return r;
}

/**
 * How many draws were taken from a helper, how many drawn ahead were thrown away, and how many the
 * helper had not started when they were asked for (tests read it).
 */
export const drawnAhead = { taken: 0, missed: 0, takenBack: 0 };

function sameTrial(a: OneTrialConstants, b: OneTrialConstants): boolean {
  return (
    a.qn === b.qn &&
    a.px1 === b.px1 &&
    a.atZero === b.atZero &&
    a.atOne === b.atOne &&
    a.zeroBelow === b.zeroBelow &&
    a.oneFrom === b.oneFrom &&
    a.oneBelow === b.oneBelow
  );
}

function sameState(mt: MT19937, pos: number): boolean {
  if (mt.pos !== pos) return false;
  const key = mt.key;
  for (let i = 0; i < MT_STATE_LENGTH; i++) if (key[i] !== startKey[i]) return false;
  return true;
}

/**
 * Whether a helper has drawn `out` ahead, for exactly this request and state; if so `mt` is moved past
 * it. False, with `mt` unchanged, when not (`out` may then hold anything: the caller draws it whole).
 */
export function takeDrawnAhead(
  mt: MT19937,
  trial: OneTrialConstants,
  out: Int32Array | Float32Array | Float64Array,
): boolean {
  const helper = pendingHelper;
  if (helper === null) return false;
  pendingHelper = null;
  // a stopped helper may have been ended half-way: its buffers are only reused, never read
  if (!helper.running) {
    pending.set(null, null, 0);
    return false;
  }
  // a helper that has not even started (others have the cores) is no help: drawn here, as usual
  if (helper.takeBack()) {
    pending.set(null, null, 0);
    drawnAhead.takenBack++;
    return false;
  }
  // waited for even on a miss: the next draw ahead reuses the buffers
  helper.wait();
  const count = out instanceof Int32Array ? out.length : -1;
  const hit = ahead !== null && pending.is(mt, trial, count) && sameState(mt, startPos);
  // the record of the generator the mask was drawn for
  const drawnFor = recordOf(pending.mt ?? mt);
  pending.set(null, null, 0);
  if (!hit || state === null) {
    drawnAhead.missed++;
    drawnFor.missesInARow++;
    return false;
  }
  drawnFor.missesInARow = 0;
  const pos = state[MT_STATE_LENGTH];
  if (pos === NOT_WRITTEN) return false;
  const key = mt.key;
  for (let i = 0; i < MT_STATE_LENGTH; i++) key[i] = state[i];
  mt.pos = pos;
  out.set(ahead as Int32Array);
  drawnAhead.taken++;
  return true;
}

/**
 * After a draw of `count` elements: when the same request came just before, has a free helper draw
 * the next one from `mt`'s state now, for the next draw to take (takeDrawnAhead).
 */
export function drawNextAhead(mt: MT19937, trial: OneTrialConstants, count: number): void {
  const repeated = last.is(mt, trial, count);
  last.set(mt, trial, count);
  if (!repeated || count < AHEAD_MIN_ELEMENTS || pendingHelper !== null) return;
  if (kernelThreads() === 1) return;
  const r = recordOf(mt);
  if (r.missesInARow >= MISSES_TO_BACK_OFF && ++r.drawsSinceTry % RETRY_EVERY !== 0) return;
  const arena = wasmArena();
  if (arena === null) return;
  if (state === null) state = residentInt32Array(MT_STATE_LENGTH + 1);
  if (ahead === null || ahead.length !== count) ahead = residentInt32Array(count);
  const stateAt = arena.addressOf(state);
  const maskAt = arena.addressOf(ahead);
  if (stateAt < 0 || maskAt < 0) return;
  const helper = helperForBackground();
  if (helper === null) return;
  const key = mt.key;
  for (let i = 0; i < MT_STATE_LENGTH; i++) state[i] = key[i];
  state[MT_STATE_LENGTH] = NOT_WRITTEN;
  startKey.set(key);
  helper.post(
    Job.binomialFillAhead,
    stateAt,
    mt.pos,
    maskAt,
    count,
    trial.zeroBelow,
    trial.oneFrom - trial.zeroBelow,
    trial.oneBelow,
    trial.atZero,
    trial.atOne,
    trial.qn,
    trial.px1,
    stateAt + 4 * MT_STATE_LENGTH,
  );
  pending.set(mt, trial, count);
  pendingHelper = helper;
  startPos = mt.pos;
}
