import { decodeBase64 } from '../arena/decode-base64.ts';
import {
  ARGS_BYTE_OFFSET,
  CLAIM,
  DONE,
  FAILED,
  FAILED_TO_LOAD,
  HOLD,
  JOB,
  KERNEL_JOBS,
  KERNEL_MODULES,
  type KernelModuleName,
  LOADED,
  MAX_JOB_ARGS,
  POLL_MS,
  READY,
  SEQ,
  STOP,
} from './kernel-jobs.ts';

// The helper thread's side (runs in a Node worker thread or a browser Worker; no Node imports): load
// the kernel modules on the shared memory, then run each job the main thread posts and still finds
// open (claimed before the caller takes it back), until stopped. The thread blocks in Atomics.wait
// between jobs: it costs no CPU while the main thread works alone.

export type KernelFunction = (...args: number[]) => void;

/**
 * Runs job `job` of the table with the control block's arguments, on whichever thread calls it (a
 * helper, or the calling thread taking a part back): the same function on the same operands.
 */
export function runJob(functions: readonly KernelFunction[], job: number, a: Float64Array): void {
  // every job's arguments spread from one array; unused trailing ones are ignored by the function
  functions[job](
    a[0],
    a[1],
    a[2],
    a[3],
    a[4],
    a[5],
    a[6],
    a[7],
    a[8],
    a[9],
    a[10],
    a[11],
    a[12],
    a[13],
    a[14],
    a[15],
    a[16],
    a[17],
  );
}

/** Loads the modules; the job table's functions, or null where they cannot load. */
export function loadJobFunctions(memory: WebAssembly.Memory): KernelFunction[] | null {
  const instances = new Map<KernelModuleName, WebAssembly.Exports>();
  try {
    for (const name of Object.keys(KERNEL_MODULES) as KernelModuleName[]) {
      const module = new WebAssembly.Module(decodeBase64(KERNEL_MODULES[name]));
      instances.set(name, new WebAssembly.Instance(module, { env: { memory } }).exports);
    }
  } catch {
    return null;
  }
  const functions: KernelFunction[] = [];
  for (const [moduleName, functionName] of KERNEL_JOBS) {
    const fn = instances.get(moduleName)?.[functionName];
    if (typeof fn !== 'function') return null;
    functions.push(fn as KernelFunction);
  }
  return functions;
}

/** The job counter once it differs from `seen`, polling for POLL_MS then blocking; `seen` on a spurious wake. */
function nextJob(words: Int32Array, seen: number): number {
  let seq = Atomics.load(words, SEQ);
  if (seq !== seen) return seq;
  const until = performance.now() + POLL_MS;
  for (let i = 1; ; i++) {
    seq = Atomics.load(words, SEQ);
    if (seq !== seen) return seq;
    // the clock is read once every 256 polls: it costs more than a load
    if ((i & 255) === 0 && performance.now() > until) break;
  }
  Atomics.wait(words, SEQ, seen);
  return Atomics.load(words, SEQ);
}

/**
 * Serves jobs from `control` until the main thread sets STOP. `ready` is told first whether the
 * modules loaded (the thread then blocks here, so it must send its message before).
 */
export function serveKernelJobs(
  memory: WebAssembly.Memory,
  control: SharedArrayBuffer,
  ready: (loaded: boolean) => void,
): void {
  const words = new Int32Array(control);
  const args = new Float64Array(control, ARGS_BYTE_OFFSET, MAX_JOB_ARGS);
  // read before saying ready: the main thread may post the first job the moment it hears
  let seen = Atomics.load(words, SEQ);
  const functions = loadJobFunctions(memory);
  // the calling thread reads this word (its event loop may be busy training: no message is read then)
  Atomics.store(words, READY, functions === null ? FAILED_TO_LOAD : LOADED);
  ready(functions !== null);
  if (functions === null) return;
  for (;;) {
    const seq = nextJob(words, seen);
    if (seq === seen) continue;
    seen = seq;
    if (Atomics.load(words, STOP) === 1) return;
    // a part the calling thread took back (it was not started in time) is left alone; a job posted
    // after it has a new counter, seen on the next turn
    if (Atomics.load(words, HOLD) === 1 || Atomics.compareExchange(words, CLAIM, seq, 0) !== seq) continue;
    try {
      runJob(functions, words[JOB], args);
      words[FAILED] = 0;
    } catch {
      words[FAILED] = 1;
    }
    Atomics.store(words, DONE, seq);
    Atomics.notify(words, DONE);
  }
}
