// A reader that goes away (`scratchnet data spiral | head`) closes the pipe, and every later write to
// stdout fails with EPIPE. Unix tools then die quietly (SIGPIPE, exit 141); Node instead throws an
// unhandled 'error' event with a stack trace. The CLI does what the tools do, and a training run,
// which has a checkpoint to keep, turns it into a stop request instead (stop-request.ts).

/** 128 + SIGPIPE (13), the status a shell shows for a tool its reader left. */
export const STDOUT_CLOSED_EXIT_CODE = 141;

let closedHandler: (() => void) | null = null;
let closed = false;
let watching = false;

/**
 * Makes a closed stdout end the process quietly (or call the handler a run registered). stderr is
 * watched too: with `2>&1 | head` both go into the one pipe, and the run's "stopping" line to stderr
 * would fail the same way.
 */
export function watchStdout(): void {
  if (watching) return;
  watching = true;
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    // the writes that follow fail too: one stop is enough
    if (closed) return;
    closed = true;
    if (closedHandler === null) process.exit(STDOUT_CLOSED_EXIT_CODE);
    closedHandler();
  };
  process.stdout.on('error', onError);
  process.stderr.on('error', onError);
}

/** Calls `handler` instead of exiting when stdout closes; returns the function that unregisters it. */
export function whenStdoutCloses(handler: () => void): () => void {
  closedHandler = handler;
  return () => {
    if (closedHandler === handler) closedHandler = null;
  };
}
