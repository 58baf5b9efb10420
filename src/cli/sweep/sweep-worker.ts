import { parentPort } from 'node:worker_threads';
import { installAcceleration } from '../../accel/install.ts';
import { installNodeThreads } from '../../accel/install-node.ts';
import { setKernelThreads } from '../../accel/threads/kernel-team.ts';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import type { RunRequest, WorkerReply } from './sweep-messages.ts';
import { trainPoint } from './train-point.ts';

// The entry of a sweep worker thread: trains the runs it is sent, one at a time, and replies with
// progress, the result, or the error (as data: an Error does not survive postMessage with its code).

installAcceleration();
installNodeThreads();
const port = parentPort;
if (port === null) throw new Error('sweep-worker.ts runs as a worker thread of scratchnet sweep');

port.on('message', async (request: RunRequest) => {
  const reply = (message: WorkerReply) => port.postMessage(message);
  const { point } = request;
  try {
    await setKernelThreads(request.threads);
    const result = await trainPoint(request.base, point, {
      validationSamples: request.validationSamples,
      nearZero: request.nearZero,
      onEpoch: (epoch) => reply({ type: 'progress', key: point.key, epoch }),
    });
    reply({ type: 'result', result });
  } catch (error) {
    reply({
      type: 'failed',
      key: point.key,
      message: error instanceof Error ? error.message : String(error),
      code: error instanceof ScratchnetError ? error.code : null,
      hint: error instanceof ScratchnetError ? error.hint : '',
      stack: error instanceof Error ? (error.stack ?? '') : '',
    });
  }
});
