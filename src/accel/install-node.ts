import { setHelperStarter } from './threads/kernel-team.ts';
import { nodeCores, startNodeKernelHelper } from './threads/node-kernel-thread.ts';

// Node's part of the speed wing: helper threads are Node worker threads. The Node entries (src/node.ts,
// the command line, sweep workers) install it; the library entry, which browsers get, never reaches it.

/** Lets setKernelThreads start helper threads as Node worker threads. */
export function installNodeThreads(): void {
  setHelperStarter({ start: startNodeKernelHelper, cores: nodeCores() });
}
