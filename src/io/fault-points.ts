// Node only. A test hook, not a feature: every durable file operation of a run (the atomic writes
// of atomic-write.ts, the checkpoint's folders, run.lock, the run folder itself) passes through
// here, so a test can stop the process right after the Nth one, or make the Nth one fail as a full
// disk does, and check what the run folder looks like afterwards.
//
//   SCRATCHNET_TEST_FAULT=kill-after:N   SIGKILL this process right after the Nth operation
//   SCRATCHNET_TEST_FAULT=enospc-at:N    the Nth operation fails with ENOSPC instead of running
//   SCRATCHNET_TEST_FAULT_LOG=FILE       append "N kind path" for every operation (to enumerate them)
//
// Unset (as for every user), each call costs a counter increment and two comparisons.
import { appendFileSync } from 'node:fs';

export type FaultPointKind = 'mkdir' | 'write' | 'fsync' | 'rename' | 'link' | 'remove';

interface FaultPlan {
  mode: 'kill-after' | 'enospc-at' | null;
  at: number;
  log: string | null;
}

function readPlan(): FaultPlan {
  const spec = process.env.SCRATCHNET_TEST_FAULT ?? '';
  const match = /^(kill-after|enospc-at):(\d+)$/.exec(spec);
  return {
    mode: match ? (match[1] as FaultPlan['mode']) : null,
    at: match ? Number(match[2]) : 0,
    log: process.env.SCRATCHNET_TEST_FAULT_LOG || null,
  };
}

const plan = readPlan();
let count = 0;

/**
 * Runs one durable file operation as fault point number `++count`: logs it, fails it with ENOSPC,
 * or runs it and then kills the process, as the plan says.
 */
export async function atFaultPoint<T>(
  kind: FaultPointKind,
  path: string,
  operation: () => Promise<T>,
): Promise<T> {
  count += 1;
  if (plan.log !== null) appendFileSync(plan.log, `${count} ${kind} ${path}\n`);
  if (plan.mode === 'enospc-at' && count === plan.at) throw noSpace(kind, path);
  const result = await operation();
  // SIGKILL cannot be caught: nothing after this line runs, exactly as when the power goes
  if (plan.mode === 'kill-after' && count === plan.at) process.kill(process.pid, 'SIGKILL');
  return result;
}

/** The error Node gives for a full disk (same code, same message shape). */
function noSpace(kind: FaultPointKind, path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`ENOSPC: no space left on device, ${kind} '${path}'`);
  error.code = 'ENOSPC';
  error.errno = -28;
  error.syscall = kind;
  error.path = path;
  return error;
}
