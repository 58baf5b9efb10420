import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Processes that keep cores busy (each an endless loop), for the contention row: what a user's laptop
 * looks like while a browser, a build or another training runs. Stopped by `stop`, and at the latest
 * when the bench exits, however it exits.
 */
export class BusyLoops {
  private readonly loops: ChildProcess[];
  private readonly onExit = () => this.stop();

  constructor(count: number) {
    this.loops = Array.from({ length: count }, () =>
      spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
    );
    process.once('exit', this.onExit);
  }

  get count(): number {
    return this.loops.length;
  }

  stop(): void {
    for (const loop of this.loops)
      if (loop.exitCode === null && loop.signalCode === null) loop.kill('SIGKILL');
    process.removeListener('exit', this.onExit);
  }
}
