// Node only: the entry of a kernel helper thread (node-kernel-thread.ts starts it). It receives the
// kernels' shared memory and its control block, says whether the modules loaded, then serves jobs.
import { parentPort } from 'node:worker_threads';
import { serveKernelJobs } from './kernel-worker-loop.ts';

const port = parentPort;
if (port !== null) {
  port.once('message', (message: { memory: WebAssembly.Memory; control: SharedArrayBuffer }) => {
    serveKernelJobs(message.memory, message.control, (loaded) => port.postMessage(loaded));
  });
}
