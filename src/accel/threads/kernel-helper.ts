import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import {
  ARGS_BYTE_OFFSET,
  CONTROL_BYTES,
  DONE,
  FAILED,
  JOB,
  type JobNumber,
  MAX_JOB_ARGS,
  POLL_MS,
  SEQ,
  STOP,
} from './kernel-jobs.ts';

// The main thread's handle on one helper thread (kernel-worker-loop.ts serves the other side): post a
// job, do the other share of the work, then wait for the helper's. Posting writes the arguments into
// the shared control block and wakes the helper: no message, no allocation.

/** How long a job may run before the helper is taken for dead (a killed thread never answers). */
const STALL_MS = 120_000;

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

  constructor() {
    this.control = new SharedArrayBuffer(CONTROL_BYTES);
    this.words = new Int32Array(this.control);
    this.args = new Float64Array(this.control, ARGS_BYTE_OFFSET, MAX_JOB_ARGS);
  }

  /** The thread serving this block, once it has loaded its modules. */
  attach(thread: HelperThread): void {
    this.thread = thread;
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
    this.seq = (this.seq + 1) | 0;
    Atomics.store(this.words, SEQ, this.seq);
    Atomics.notify(this.words, SEQ);
  }

  /** Whether the last posted job is done (or none was posted): a check that never blocks. */
  idle(): boolean {
    return Atomics.load(this.words, DONE) === this.seq;
  }

  /** Whether a thread serves this block (false once stopped). */
  get running(): boolean {
    return this.thread !== null;
  }

  /** Blocks until the posted job is done. */
  wait(): void {
    if (!this.waitForDone(STALL_MS)) {
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

  /** Waits up to `limitMs` for the posted job to be done; whether it is. */
  private waitForDone(limitMs: number): boolean {
    const words = this.words;
    const seq = this.seq;
    let done = Atomics.load(words, DONE);
    if (done === seq) return true;
    // poll first (the helper's share usually ends within microseconds of ours), then block
    const until = performance.now() + POLL_MS;
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
    return true;
  }

  /**
   * Stops the helper thread, once its job (a draw ahead, say) is done: terminate() does not stop a
   * thread at once, and none of its writes may land after this returns. Jobs take milliseconds; a
   * thread silent for a second is taken for dead and stopped all the same.
   */
  stop(): void {
    if (this.thread !== null) this.waitForDone(STOP_WAIT_MS);
    Atomics.store(this.words, STOP, 1);
    this.seq = (this.seq + 1) | 0;
    Atomics.store(this.words, SEQ, this.seq);
    Atomics.notify(this.words, SEQ);
    this.thread?.terminate();
    this.thread = null;
  }
}
