import type { Worker } from 'node:worker_threads';
import { entryBeside, startWorker } from '../../accel/threads/start-worker.ts';
import { type ErrorCode, ScratchnetError } from '../../errors/scratchnet-error.ts';
import type { RunRequest, WorkerReply } from './sweep-messages.ts';
import type { RunResult } from './train-point.ts';

/** The worker's entry beside this file: .ts when run from source (tsx), .js in the built CLI. */
export const SWEEP_WORKER_URL = entryBeside(import.meta.url, 'sweep-worker');

export interface PoolOptions {
  /** Worker threads to start (no more than there are runs). */
  jobs: number;
  /** The worker's entry script. */
  workerUrl: URL;
  /** How a run is named in errors: `L2 5e-4, dropout 0.1, seed 2`. */
  describe: (request: RunRequest) => string;
  onProgress?: (key: string, epoch: number) => void;
  /** Called with each finished run, one at a time per worker; the next run waits for it. */
  onResult: (result: RunResult) => Promise<void>;
}

/**
 * Runs the requests on a pool of worker threads, each training one run at a time and taking the next
 * from a shared queue when it finishes. The first failure stops every worker and rejects with an error
 * that names the run; `stop()` (Ctrl-C) stops them too, and `run` then resolves with 'stopped'.
 * Results already handed to onResult stay handed: what they wrote stays on disk.
 */
export class WorkerPool {
  private readonly options: PoolOptions;
  private readonly workers = new Set<Worker>();
  private stopped = false;

  constructor(options: PoolOptions) {
    this.options = options;
  }

  async run(requests: readonly RunRequest[]): Promise<'finished' | 'stopped'> {
    const queue = [...requests];
    const lanes: Promise<void>[] = [];
    for (let i = 0; i < Math.min(this.options.jobs, queue.length); i++) {
      const worker = startWorker(this.options.workerUrl);
      this.workers.add(worker);
      lanes.push(this.lane(worker, queue));
    }
    try {
      await Promise.all(lanes);
    } catch (error) {
      await this.stop();
      throw error;
    }
    await this.terminateAll();
    return this.stopped ? 'stopped' : 'finished';
  }

  /** Terminates every worker; runs in progress are dropped, finished ones are kept. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.terminateAll();
  }

  private async terminateAll(): Promise<void> {
    const workers = [...this.workers];
    this.workers.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private async lane(worker: Worker, queue: RunRequest[]): Promise<void> {
    for (let request = queue.shift(); request !== undefined && !this.stopped; request = queue.shift()) {
      const result = await this.runOne(worker, request);
      if (result === null) return;
      await this.options.onResult(result);
    }
  }

  /** One run on one worker: its result, or null when the pool was stopped meanwhile. */
  private runOne(worker: Worker, request: RunRequest): Promise<RunResult | null> {
    const name = this.options.describe(request);
    return new Promise<RunResult | null>((resolve, reject) => {
      const finish = (settle: () => void) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        settle();
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.type === 'progress') this.options.onProgress?.(reply.key, reply.epoch);
        else if (reply.type === 'result') finish(() => resolve(reply.result));
        else finish(() => reject(runError(name, reply)));
      };
      const onError = (error: Error) =>
        finish(() =>
          reject(new Error(`the run ${name} crashed its worker: ${error.message}`, { cause: error })),
        );
      const onExit = (code: number) =>
        finish(() =>
          this.stopped
            ? resolve(null)
            : reject(new Error(`the worker training ${name} exited with code ${code} before finishing it`)),
        );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }
}

/** A worker's failure as the error the command line prints: the run's name first. */
function runError(name: string, reply: Extract<WorkerReply, { type: 'failed' }>): Error {
  const message = `the run ${name} failed: ${reply.message}`;
  if (reply.code === null) {
    // not an error scratchnet meant to throw: keep the worker's stack for --debug
    const error = new Error(message);
    error.stack = `${message}\n${reply.stack.split('\n').slice(1).join('\n')}`;
    return error;
  }
  return new ScratchnetError(reply.code as ErrorCode, message, reply.hint);
}
