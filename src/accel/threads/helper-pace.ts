// Whether a helper thread pays, judged part by part, and a rest for one that does not. A helper pays
// only while it runs beside the calling thread: on a machine whose cores other programs keep busy it
// is often not running when a part is posted (the calling thread then takes the part back: see
// kernel-helper.ts) or is paused half-way (the calling thread then waits up to a scheduler time slice,
// milliseconds, for a part of tens of microseconds). A helper late again and again rests: it is sent
// nothing for a while, sleeps in Atomics.wait, and the calling thread does all the work, as with one
// thread. Rests double while the helper stays late, so a busy machine costs a probe now and then; a
// helper on time long enough is trusted again. Like glibc's adaptive mutexes and OpenMP's
// GOMP_SPINCOUNT, it bets on what the last waits said about the next ones.

/** The policy's numbers (tests shorten nothing: the logic is timed by the caller's clock). */
export const PACE = {
  /** Lateness at which a helper rests: each late part adds 1, each part on time takes 1 off. */
  latenessToRest: 3,
  /** The first rest after a helper was trusted, in ms; each rest that follows without trust doubles it. */
  firstRestMs: 8,
  /** The longest rest, in ms: the price of a busy machine is then one probe a second. */
  longestRestMs: 1000,
  /** Parts on time in a row after which a helper is trusted again (its next rest is the first). */
  onTimeToTrust: 64,
} as const;

/** What the helpers did, counted since the process started (tests and the bench read it). */
export const helperCounts = { parts: 0, takenBack: 0, late: 0, rests: 0 };

/** Bumped whenever a helper starts resting: the team then rebuilds its list of helpers at work. */
let restsBegun = 0;

/** How many rests have begun so far (the team compares it with the count it last saw). */
export function restsBegunCount(): number {
  return restsBegun;
}

let adaptive = true;

/**
 * Turns taking back and resting off (false) or on: off, every part runs on its helper and the caller
 * waits for it, whatever it takes. Tests turn it off to be sure the helpers did the work they check.
 */
export function setAdaptivePacing(on: boolean): void {
  adaptive = on;
}

/** Whether parts may be taken back and late helpers rest. */
export function adaptivePacing(): boolean {
  return adaptive;
}

/** One helper's record: how late it has been, and until when it rests. */
export class HelperPace {
  private lateness = 0;
  private onTimeInARow = 0;
  private lastRestMs = 0;
  /** The clock time (performance.now()) until which the helper rests; 0 when it is at work. */
  restUntil = 0;

  /**
   * A part was taken back (the helper had not started it), or the caller, its own share done in
   * `shareMs`, waited `waitedMs` for the helper's. Late when the helper was no help: not started, or
   * done later than the caller could have done the part itself. Returns whether a rest begins now.
   */
  record(takenBack: boolean, shareMs: number, waitedMs: number, now: number): boolean {
    helperCounts.parts++;
    if (takenBack) helperCounts.takenBack++;
    const late = takenBack || waitedMs > shareMs;
    if (!late) {
      if (this.lateness > 0) this.lateness--;
      if (++this.onTimeInARow >= PACE.onTimeToTrust) this.lastRestMs = 0;
      return false;
    }
    helperCounts.late++;
    this.onTimeInARow = 0;
    if (++this.lateness < PACE.latenessToRest) return false;
    this.lateness = 0;
    this.lastRestMs =
      this.lastRestMs === 0 ? PACE.firstRestMs : Math.min(PACE.longestRestMs, 2 * this.lastRestMs);
    this.restUntil = now + this.lastRestMs;
    helperCounts.rests++;
    restsBegun++;
    return true;
  }

  /** Whether the helper rests at clock time `now` (once the rest is over it is at work again). */
  resting(now: number): boolean {
    if (this.restUntil === 0) return false;
    if (now < this.restUntil) return true;
    this.restUntil = 0;
    return false;
  }

  /** The length of the last rest in ms (0 once trusted again). */
  get lastRest(): number {
    return this.lastRestMs;
  }
}
