// Node only (reached through a dynamic import in kernel-team.ts): starts a kernel helper thread as a
// worker thread on the kernels' shared memory.

import type { KernelHelper } from './kernel-helper.ts';
import { entryBeside, startWorker } from './start-worker.ts';

/** Starts a worker serving `helper`; resolves to whether it loaded the kernel modules. */
export function startNodeKernelHelper(memory: WebAssembly.Memory, helper: KernelHelper): Promise<boolean> {
  const worker = startWorker(entryBeside(import.meta.url, 'node-kernel-worker'));
  // the thread must not keep the process alive: it only ever waits for the next job
  worker.unref();
  return new Promise((resolve) => {
    worker.once('message', (loaded: unknown) => {
      if (loaded === true) {
        helper.attach(worker);
        resolve(true);
      } else {
        void worker.terminate();
        resolve(false);
      }
    });
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
    worker.postMessage({ memory, control: helper.control });
  });
}
