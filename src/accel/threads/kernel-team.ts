import { describeValue, ScratchnetError } from '../../errors/scratchnet-error.ts';
import { wasmArena } from '../arena/wasm-arena.ts';
import { KernelHelper } from './kernel-helper.ts';

// Kernel threads: the main thread plus helper threads that split the large kernel calls (matrix
// products by rows or columns, the elementwise passes by ranges, softmax by rows) between them, on
// the kernels' shared memory. Every output element is still computed whole by one thread with the
// same code, so the results are bit for bit those of one thread. Threads need the memory to be shared
// (Node; browsers only when cross-origin isolated) and, for now, Node's worker threads.

let helpers: KernelHelper[] = [];
/** The helper given a background job (helperForBackground: always the last one), and the others. */
let background: KernelHelper | null = null;
let othersThanLast: KernelHelper[] = [];

/** The helper threads free to share a kernel call (none: everything runs on the calling thread). */
export function kernelHelpers(): readonly KernelHelper[] {
  if (background !== null) {
    if (!background.idle()) return othersThanLast;
    background = null;
  }
  return helpers;
}

/**
 * A helper for one job that runs in the background while the calling thread goes on (drawing the
 * next dropout mask ahead): the caller posts the job at once, and kernelHelpers leaves the helper
 * out until that job is done. Null when there is no helper, or the one there is still busy.
 */
export function helperForBackground(): KernelHelper | null {
  const helper = helpers.at(-1);
  if (helper === undefined || (background !== null && !background.idle())) return null;
  background = helper;
  return helper;
}

/** How many threads the kernels use: 1 plus the helpers. */
export function kernelThreads(): number {
  return helpers.length + 1;
}

/** Starts one helper thread serving `helper`'s control block; false where it cannot load. */
type StartHelper = (memory: WebAssembly.Memory, helper: KernelHelper) => Promise<boolean>;

async function helperStarter(): Promise<StartHelper | null> {
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  if (!isNode) return null;
  const { startNodeKernelHelper } = await import('./node-kernel-thread.ts');
  return startNodeKernelHelper;
}

/**
 * Sets how many threads the kernels use (like `torch.set_num_threads`): `count - 1` helper threads
 * join the calling one. Resolves to the count in use, which is 1 where threads are unavailable (a
 * browser, or a memory that is not shared). Results are bit for bit the same for any count.
 */
export async function setKernelThreads(count: number): Promise<number> {
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
  const start = arena?.shared ? await helperStarter() : null;
  if (arena === null || start === null) return kernelThreads();
  const started: KernelHelper[] = [];
  const wanted = count - 1 - helpers.length;
  for (let i = 0; i < wanted; i++) {
    const helper = new KernelHelper();
    if (!(await start(arena.memory, helper))) break;
    started.push(helper);
  }
  setHelpers([...helpers, ...started]);
  return kernelThreads();
}

function setHelpers(list: KernelHelper[]): void {
  // a background job still running on a helper that stays is let finish: the last helper changes
  if (background !== null && list.includes(background)) background.wait();
  background = null;
  helpers = list;
  othersThanLast = list.slice(0, -1);
}

/**
 * The first item of part `part` of `parts` when `count` items are split in whole multiples of
 * `grain` (the last part takes the remainder). Parts may be empty when count is small.
 */
export function partStart(count: number, parts: number, part: number, grain: number): number {
  const units = Math.ceil(count / grain);
  return Math.min(count, Math.floor((units * part) / parts) * grain);
}
