import { describeValue, ScratchnetError } from '../../errors/scratchnet-error.ts';
import { wasmArena } from '../arena/wasm-arena.ts';
import { restsBegunCount } from './helper-pace.ts';
import { KernelHelper, loadLocalJobs } from './kernel-helper.ts';

// Kernel threads: the main thread plus helper threads that split the large kernel calls (matrix
// products by rows or columns, the elementwise passes by ranges, softmax by rows) between them, on
// the kernels' shared memory. Every output element is still computed whole by one thread with the
// same code, so the results are bit for bit those of one thread. Threads need the memory to be shared
// (Node; browsers only when cross-origin isolated) and, for now, Node's worker threads. A helper
// joins once it has loaded its modules, and leaves the work for a while whenever it keeps being late
// (other programs have the cores: helper-pace.ts); the calls are then split between the others, or
// not at all.

let helpers: KernelHelper[] = [];
/** The helpers loaded and not resting; rebuilt, never changed in place (callers hold it). */
let atWork: KernelHelper[] = [];
/** What atWork was built from: the rests begun, the first rest's end (Infinity: none), helpers loading. */
let builtAtRests = 0;
let firstRestEnds = Number.POSITIVE_INFINITY;
let loading = 0;
/** The helper given a background job (helperForBackground: the last at work), and atWork without it. */
let background: KernelHelper | null = null;
let othersThanBackground: KernelHelper[] = [];

function rebuildAtWork(): void {
  const now = performance.now();
  // a helper whose thread failed to load, or died, leaves for good
  const failed = helpers.filter((h) => h.state() === 'failed');
  for (const h of failed) h.stop();
  if (failed.length > 0) helpers = helpers.filter((h) => !failed.includes(h));
  atWork = helpers.filter((h) => h.state() === 'ready' && !h.pace.resting(now));
  loading = loadingCount();
  firstRestEnds = Number.POSITIVE_INFINITY;
  for (const h of helpers)
    if (h.pace.restUntil > 0) firstRestEnds = Math.min(firstRestEnds, h.pace.restUntil);
  builtAtRests = restsBegunCount();
  if (background !== null && !atWork.includes(background) && background.idle()) background = null;
  othersThanBackground = atWork.filter((h) => h !== background);
}

function loadingCount(): number {
  let n = 0;
  for (const h of helpers) if (h.state() === 'loading') n++;
  return n;
}

/** The helpers at work, rebuilt when a rest began or ended, or a helper finished loading. */
function helpersAtWork(): KernelHelper[] {
  if (
    builtAtRests !== restsBegunCount() ||
    (loading > 0 && loadingCount() !== loading) ||
    (firstRestEnds !== Number.POSITIVE_INFINITY && performance.now() >= firstRestEnds)
  ) {
    rebuildAtWork();
  }
  return atWork;
}

/** The helper threads free to share a kernel call (none: everything runs on the calling thread). */
export function kernelHelpers(): readonly KernelHelper[] {
  const list = helpersAtWork();
  if (background !== null) {
    if (!background.idle()) return othersThanBackground;
    background = null;
    othersThanBackground = list;
  }
  return list;
}

/**
 * A helper for one job that runs in the background while the calling thread goes on (drawing the
 * next dropout mask ahead): the caller posts the job at once, and kernelHelpers leaves the helper
 * out until that job is done. Null when no helper is at work, or the one there is still busy.
 */
export function helperForBackground(): KernelHelper | null {
  const list = helpersAtWork();
  if (background !== null && !background.idle()) return null;
  const helper = list.at(-1);
  if (helper === undefined) return null;
  if (background !== helper) {
    background = helper;
    othersThanBackground = list.slice(0, -1);
  }
  return helper;
}

/** How many threads the kernels use: 1 plus the helpers (those still loading included). */
export function kernelThreads(): number {
  return helpers.length + 1;
}

/** What starting helper threads takes where they can run: a starter, and the cores it reports. */
export interface HelperStarter {
  start(memory: WebAssembly.Memory, helper: KernelHelper): Promise<boolean>;
  cores: number;
}

/**
 * Set by the Node side (installNodeThreads, from src/node.ts and the command line): the library
 * itself runs in browsers too and imports no worker-thread code. Null: one thread.
 */
let starter: HelperStarter | null = null;

/** Lets helper threads start here (the Node entries call it through installNodeThreads). */
export function setHelperStarter(helperStarter: HelperStarter): void {
  starter = helperStarter;
}

async function helperStarter(): Promise<HelperStarter | null> {
  return starter;
}

let reportedCores: number | null = null;

/**
 * The CPU cores this program may use (navigator.hardwareConcurrency; in Node before 21, what
 * os.availableParallelism() said when setKernelThreads started helpers), or null when unknown. More
 * kernel threads than cores only take turns on them: the results are the same, the time longer.
 */
export function availableCores(): number | null {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: unknown } }).navigator
    ?.hardwareConcurrency;
  return typeof cores === 'number' && cores > 0 ? cores : reportedCores;
}

/** Options of setKernelThreads. */
export interface KernelThreadOptions {
  /**
   * Whether to wait until the helpers have loaded (false: the work starts at once on this thread,
   * and each helper joins when it is ready, a few tens of ms later; a command line does that).
   * @default true
   */
  waitForHelpers?: boolean;
}

/**
 * Sets how many threads the kernels use (like `torch.set_num_threads`): `count - 1` helper threads
 * join the calling one. Resolves to the count in use, which is 1 where threads are unavailable (a
 * browser, or a memory that is not shared). Results are bit for bit the same for any count.
 */
export async function setKernelThreads(count: number, options: KernelThreadOptions = {}): Promise<number> {
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `kernel threads must be a whole number from 1 to 64, got ${describeValue(count)}`,
      'pass the number of CPU cores to use, e.g. setKernelThreads(2)',
    );
  }
  if (helpers.length > count - 1) {
    for (const helper of helpers.slice(count - 1)) helper.stop();
    setHelpers(helpers.slice(0, count - 1));
  }
  if (helpers.length === count - 1) return kernelThreads();
  const arena = wasmArena();
  const starter = arena?.shared ? await helperStarter() : null;
  if (arena === null || starter === null) return kernelThreads();
  reportedCores = starter.cores;
  // the parts a helper has not started are taken back and run here, with the same code
  loadLocalJobs(arena.memory);
  const started: KernelHelper[] = [];
  const loaded: Promise<boolean>[] = [];
  for (let i = helpers.length; i < count - 1; i++) {
    const helper = new KernelHelper();
    loaded.push(starter.start(arena.memory, helper));
    started.push(helper);
  }
  setHelpers([...helpers, ...started]);
  if (options.waitForHelpers ?? true) {
    await Promise.all(loaded);
    rebuildAtWork();
  }
  return kernelThreads();
}

function setHelpers(list: KernelHelper[]): void {
  // a background job still running on a helper that stays is let finish: the helpers change
  if (background !== null && list.includes(background)) background.wait();
  background = null;
  helpers = list;
  rebuildAtWork();
}

/**
 * The first item of part `part` of `parts` when `count` items are split in whole multiples of
 * `grain` (the last part takes the remainder). Parts may be empty when count is small.
 */
export function partStart(count: number, parts: number, part: number, grain: number): number {
  const units = Math.ceil(count / grain);
  return Math.min(count, Math.floor((units * part) / parts) * grain);
}
