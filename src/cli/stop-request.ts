// Ctrl-C (SIGINT) and `kill` (SIGTERM) during a run. The first asks the run to stop: training ends
// after the epoch in progress (Model.trainAsync hears it within about 50 ms, even inside a long
// epoch), the checkpoint of that epoch is committed, and the process exits 130 (143). The second
// quits at once: the checkpoint in force stays, because a checkpoint is committed in one step. A
// reader that closes stdout (`scratchnet train | head -3`) stops the run the same way, exit 141.

import { STDOUT_CLOSED_EXIT_CODE, whenStdoutCloses } from './stdout-closed.ts';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, EPIPE: STDOUT_CLOSED_EXIT_CODE } as const;
type StopSignal = keyof typeof EXIT_CODES;

export interface StopRequest {
  readonly signal: AbortSignal;
  /** The exit code the signal asks for (130 Ctrl-C, 143 SIGTERM, 141 stdout closed), or null while none came. */
  readonly exitCode: number | null;
  dispose(): void;
}

/**
 * Listens for SIGINT and SIGTERM. `say` tells the user the first one was heard; `quit` runs before
 * the process exits on the second (release locks there; it must be synchronous).
 */
export function listenForStop(say: (line: string) => void, quit: () => void): StopRequest {
  const controller = new AbortController();
  let exitCode: number | null = null;
  const onSignal = (name: StopSignal) => {
    if (exitCode !== null) {
      quit();
      process.exit(exitCode);
    }
    exitCode = EXIT_CODES[name];
    controller.abort();
    const what = { SIGINT: 'Ctrl-C', SIGTERM: 'SIGTERM', EPIPE: 'the output pipe closed' }[name];
    say(`${what}: stopping after the epoch in progress (press Ctrl-C again to quit at once)`);
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const stopWatchingStdout = whenStdoutCloses(() => onSignal('EPIPE'));
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    dispose() {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
      stopWatchingStdout();
    },
  };
}
