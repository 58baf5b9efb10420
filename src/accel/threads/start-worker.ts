// Node only: starts a worker thread from an entry file that is .ts when run from source (tsx) and
// .js in the build.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** The entry `name` (without extension) beside the module at `moduleUrl`, in that module's form. */
export function entryBeside(moduleUrl: string, name: string): URL {
  return new URL(`./${name}${moduleUrl.endsWith('.ts') ? '.ts' : '.js'}`, moduleUrl);
}

/**
 * A worker running `url`. Run from source, the worker needs tsx's loader, which Node 20 does not
 * pass on to worker threads: the worker registers it itself before importing its entry.
 */
export function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(code, { eval: true });
}

/** The CPU cores this process may use (os.availableParallelism(), which honours CPU affinity). */
export function cpuCores(): number {
  return availableParallelism();
}
