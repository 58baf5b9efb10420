import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { adaptivePacing, HelperPace } from './helper-pace.ts';
import {
  ARGS_BYTE_OFFSET,
  CLAIM,
  CONTROL_BYTES,
  DONE,
  FAILED,
  FAILED_TO_LOAD,
  HOLD,
  JOB,
  type JobNumber,
  LOADED,
  MAX_JOB_ARGS,
  POLL_MS,
  READY,
  SEQ,
  STOP,
} from './kernel-jobs.ts';
import { type KernelFunction, loadJobFunctions, runJob } from './kernel-worker-loop.ts';

// The main thread's handle on one helper thread (kernel-worker-loop.ts serves the other side): post a
// job, do the other share of the work, then finish the helper's. Posting writes the arguments into
// the shared control block and wakes the helper: no message, no allocation. A part the helper has not
// started by then is taken back and run here, by the same WebAssembly code on the same memory (so
// the bits are the same whoever runs it): a helper the scheduler has not let run costs the caller a
// compare-exchange, not a wait. How the helper kept pace is recorded (helper-pace.ts).

/** The calling thread's own instances of the job table, to run parts taken back. */
let localJobs: KernelFunction[] | null = null;

/**
 * Loads the job table on this thread (kernel-team.ts does, when it starts helpers): without it,
 * parts are never taken back, only waited for.
 */
export function loadLocalJobs(memory: WebAssembly.Memory): void {
  localJobs ??= loadJobFunctions(memory);
}

/** How long a job may run before the helper is taken for dead (a killed thread never answers). */
const STALL_MS = 120_000;

/** The shortest a caller polls for a helper's part before blocking, in ms. */
const MIN_POLL_MS = 0.05;

/** How long stop() lets a running job finish. */
const STOP_WAIT_MS = 1000;

/** What the environment provides to stop a helper thread. */
export interface HelperThread {
  terminate(): void;
}

export class KernelHelper {
  readonly control: SharedArrayBuffer;
  private readonly words: Int32Array;
  private readonly args: Float64Array;
  private seq = 0;
  private thread: HelperThread | null = null;
  /** Whether the last posted job is neither finished nor taken back. */
  private outstanding = false;
  private postedAt = 0;
  readonly pace = new HelperPace();

  constructor() {
    this.control = new SharedArrayBuffer(CONTROL_BYTES);
    this.words = new Int32Array(this.control);
    this.args = new Float64Array(this.control, ARGS_BYTE_OFFSET, MAX_JOB_ARGS);
  }

  /** The thread serving this block (it may still be loading its modules). */
  attach(thread: HelperThread): void {
    this.thread = thread;
  }

  /** Whether the thread is still loading its modules, serves jobs, or failed (to load, or since). */
  state(): 'loading' | 'ready' | 'failed' {
    const ready = Atomics.load(this.words, READY);
    return ready === LOADED ? 'ready' : ready === FAILED_TO_LOAD ? 'failed' : 'loading';
  }

  /** Marks the thread failed (it stopped, or could not start): the team then leaves it out. */
  markFailed(): void {
    Atomics.store(this.words, READY, FAILED_TO_LOAD);
  }

  /** Starts `job` on the helper with these arguments (unused ones are ignored by the kernel). */
  post(
    job: JobNumber,
    a0: number,
    a1: number,
    a2: number,
    a3: number,
    a4 = 0,
    a5 = 0,
    a6 = 0,
    a7 = 0,
    a8 = 0,
    a9 = 0,
    a10 = 0,
    a11 = 0,
    a12 = 0,
    a13 = 0,
    a14 = 0,
    a15 = 0,
    a16 = 0,
    a17 = 0,
  ): void {
    const a = this.args;
    a[0] = a0;
    a[1] = a1;
    a[2] = a2;
    a[3] = a3;
    a[4] = a4;
    a[5] = a5;
    a[6] = a6;
    a[7] = a7;
    a[8] = a8;
    a[9] = a9;
    a[10] = a10;
    a[11] = a11;
    a[12] = a12;
    a[13] = a13;
    a[14] = a14;
    a[15] = a15;
    a[16] = a16;
    a[17] = a17;
    this.words[JOB] = job;
    // never 0, which marks a claimed part
    this.seq = this.seq >= 0x3fffffff ? 1 : this.seq + 1;
    this.outstanding = true;
    if (adaptivePacing()) this.postedAt = performance.now();
    Atomics.store(this.words, CLAIM, this.seq);
    Atomics.store(this.words, SEQ, this.seq);
    Atomics.notify(this.words, SEQ);
  }

  /** Whether the last posted job is done or taken back (or none was posted): a check that never blocks. */
  idle(): boolean {
    if (this.outstanding && Atomics.load(this.words, DONE) === this.seq) this.outstanding = false;
    return !this.outstanding;
  }

  /** Whether a thread serves this block (false once stopped). */
  get running(): boolean {
    return this.thread !== null;
  }

  /**
   * Finishes the posted part: runs it here when the helper has not started it (and taking back is
   * on), else waits until the helper is done. Nothing to do when the part is finished already.
   */
  wait(): void {
    if (!this.outstanding) return;
    const jobs = localJobs;
    if (!adaptivePacing() || jobs === null) {
      this.waitForHelper(POLL_MS);
      return;
    }
    const start = performance.now();
    const shareMs = start - this.postedAt;
    if (this.claim()) {
      this.runHere(jobs);
      this.pace.record(true, shareMs, 0, start);
      return;
    }
    // the helper's part started at about the time ours did: it should end within about our share
    this.waitForHelper(Math.min(POLL_MS, Math.max(2 * shareMs, MIN_POLL_MS)));
    const end = performance.now();
    this.pace.record(false, shareMs, end - start, end);
  }

  /**
   * Takes the posted part back unrun when the helper has not started it (and taking back is on):
   * whether it did. A part taken back never runs; a part not taken back is finished with wait().
   */
  takeBack(): boolean {
    if (!this.outstanding || !adaptivePacing() || !this.claim()) return false;
    const now = performance.now();
    this.pace.record(true, now - this.postedAt, 0, now);
    return true;
  }

  /** Claims the open part for this thread; false when the helper claimed it first. */
  private claim(): boolean {
    if (Atomics.compareExchange(this.words, CLAIM, this.seq, 0) !== this.seq) return false;
    this.outstanding = false;
    return true;
  }

  private runHere(jobs: KernelFunction[]): void {
    try {
      runJob(jobs, this.words[JOB], this.args);
    } catch {
      throw new Error(
        "a kernel failed on a helper thread's part, taken back (a bug in scratchnet: please report it)",
      );
    }
  }

  /** Waits for the helper to finish the part it claimed, polling for `pollMs` first, then blocking. */
  private waitForHelper(pollMs: number): void {
    if (!this.waitForDone(STALL_MS, pollMs)) {
      throw new ScratchnetError(
        'BAD_STATE',
        `a kernel helper thread has not answered for ${STALL_MS / 1000} s`,
        'the thread may have been killed; call setKernelThreads(1) to work on one thread',
      );
    }
    if (this.words[FAILED] === 1) {
      throw new Error('a kernel failed on a helper thread (a bug in scratchnet: please report it)');
    }
  }

  /** Waits up to `limitMs` for the posted job to be done, polling for `pollMs` first; whether it is. */
  private waitForDone(limitMs: number, pollMs: number): boolean {
    const words = this.words;
    const seq = this.seq;
    let done = Atomics.load(words, DONE);
    // poll first (the helper's share usually ends within microseconds of ours), then block: a
    // helper paused by the scheduler may need this thread's core
    const until = performance.now() + pollMs;
    for (let i = 1; done !== seq; i++) {
      done = Atomics.load(words, DONE);
      if ((i & 255) === 0 && performance.now() > until) break;
    }
    const started = Date.now();
    while (done !== seq) {
      if (Date.now() - started > limitMs) return false;
      Atomics.wait(words, DONE, done, Math.min(1000, limitMs));
      done = Atomics.load(words, DONE);
    }
    this.outstanding = false;
    return true;
  }

  /** Holds the helper (true): it then claims no part, and every part is taken back (tests use it). */
  hold(on: boolean): void {
    Atomics.store(this.words, HOLD, on ? 1 : 0);
  }

  /**
   * Stops the helper thread, once its job (a draw ahead, say) is done: terminate() does not stop a
   * thread at once, and none of its writes may land after this returns. Jobs take milliseconds; a
   * thread silent for a second is taken for dead and stopped all the same.
   */
  stop(): void {
    if (this.outstanding && !this.claim() && this.thread !== null) this.waitForDone(STOP_WAIT_MS, POLL_MS);
    Atomics.store(this.words, STOP, 1);
    this.seq = this.seq >= 0x3fffffff ? 1 : this.seq + 1;
    Atomics.store(this.words, SEQ, this.seq);
    Atomics.notify(this.words, SEQ);
    this.thread?.terminate();
    this.thread = null;
  }
}
