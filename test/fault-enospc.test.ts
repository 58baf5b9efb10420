// A full disk at each durable file operation of a run in turn: the operation fails with ENOSPC
// instead of running. The run must stop with one `error:` line and a hint (or finish, when only the
// removal of an old checkpoint failed), and its folder must end in the uninterrupted run's weights,
// byte for byte; a run that failed before committing anything leaves no folder at all.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  assertCleanRefusal,
  enumerateFaultPoints,
  type Outcome,
  runWith,
  SMALL_RUN,
  settle,
  tempDir,
} from './fault-runs.ts';

test('ENOSPC at any write, fsync, rename, link, mkdir or remove: a clear error, nothing damaged, bit-exact after', (t) => {
  const dir = tempDir('enospc');
  // in memory: hundreds of run folders, removed once checked
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { points, weights } = enumerateFaultPoints(join(dir, 'reference'));
  const outcomes = new Map<Outcome | 'nothing left', number[]>();
  for (const point of points) {
    const out = join(dir, `enospc-${point.index}`);
    const where = `point ${point.index} (${point.kind} ${point.path})`;
    const failed = runWith([...SMALL_RUN, '--out', out], {
      SCRATCHNET_TEST_FAULT: `enospc-at:${point.index}`,
    });
    if (failed.status !== 0 || point.kind !== 'remove') {
      try {
        assertCleanRefusal(failed);
      } catch (error) {
        throw new Error(`ENOSPC at ${where}: ${error}`);
      }
      assert.match(failed.stderr, /no space left on device|the disk is full \(ENOSPC\)/, where);
    }
    let outcome: Outcome | 'nothing left';
    if (!existsSync(out)) {
      outcome = 'nothing left';
    } else {
      try {
        outcome = settle(out, weights);
      } catch (error) {
        throw new Error(`after ENOSPC at ${where}: ${error}`);
      }
    }
    outcomes.set(outcome, [...(outcomes.get(outcome) ?? []), point.index]);
  }
  for (const [outcome, indices] of outcomes) t.diagnostic(`${outcome}: points ${indices.join(', ')}`);
  assert.ok(
    (outcomes.get('nothing left')?.length ?? 0) > 0,
    'a failure before the first commit left a folder',
  );
  assert.ok((outcomes.get('resumed')?.length ?? 0) > 0);
});
