// Node only (installed by ../install-node.ts from the Node entries): starts a kernel helper thread as a
// worker thread on the kernels' shared memory.

import type { KernelHelper } from './kernel-helper.ts';
import { cpuCores, entryBeside, startWorker } from './start-worker.ts';

/** The CPU cores this process may use (os.availableParallelism()). */
export function nodeCores(): number {
  return cpuCores();
}

/**
 * Starts a worker serving `helper`; resolves to whether it loaded the kernel modules. The helper
 * also says so in its control block, which the team reads while this thread is busy training.
 */
export function startNodeKernelHelper(memory: WebAssembly.Memory, helper: KernelHelper): Promise<boolean> {
  const worker = startWorker(entryBeside(import.meta.url, 'node-kernel-worker'));
  // the thread must not keep the process alive: it only ever waits for the next job
  worker.unref();
  helper.attach(worker);
  return new Promise((resolve) => {
    const failed = (): void => {
      helper.markFailed();
      resolve(false);
    };
    worker.once('message', (loaded: unknown) => {
      if (loaded === true) resolve(true);
      else failed();
    });
    worker.once('error', failed);
    worker.once('exit', failed);
    worker.postMessage({ memory, control: helper.control });
  });
}
