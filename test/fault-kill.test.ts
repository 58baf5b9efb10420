// A run killed (SIGKILL, as a power cut or the OOM killer would) right after each of its durable file
// operations in turn: every one must leave a folder that ends in the uninterrupted run's weights,
// byte for byte (see fault-runs.ts for what "ends" allows). Two epochs with a checkpoint after each
// cover the first commit, the commit that replaces it, the final model and the pictures.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { enumerateFaultPoints, type Outcome, runWith, SMALL_RUN, settle, tempDir } from './fault-runs.ts';

test('a kill right after any write, fsync, rename, link, mkdir or remove leaves a run that ends bit-exact', (t) => {
  const dir = tempDir('kill');
  // in memory: hundreds of run folders, removed once checked
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { points, weights } = enumerateFaultPoints(join(dir, 'reference'));
  // the two checkpoints, the final model's four files and its commit in run.json are all in the list
  const renamed = points.filter((p) => p.kind === 'rename').map((p) => p.path.split('/').at(-1));
  for (const name of [
    'current.json',
    'weights.bin',
    'model.json',
    'history.json',
    'history.csv',
    'run.json',
  ]) {
    assert.ok(renamed.includes(name), `no rename of ${name} among the fault points`);
  }
  const outcomes = new Map<Outcome, number[]>();
  for (const point of points) {
    const out = join(dir, `kill-${point.index}`);
    const killed = runWith([...SMALL_RUN, '--out', out], {
      SCRATCHNET_TEST_FAULT: `kill-after:${point.index}`,
    });
    assert.equal(killed.signal, 'SIGKILL', `point ${point.index} (${point.kind} ${point.path}) did not kill`);
    let outcome: Outcome;
    try {
      outcome = settle(out, weights);
    } catch (error) {
      throw new Error(`after a kill at point ${point.index} (${point.kind} ${point.path}): ${error}`);
    }
    outcomes.set(outcome, [...(outcomes.get(outcome) ?? []), point.index]);
  }
  for (const [outcome, indices] of outcomes) t.diagnostic(`${outcome}: points ${indices.join(', ')}`);
  // before the first commit there is nothing to resume; from it on, a resume or the complete run
  assert.ok((outcomes.get('resumed')?.length ?? 0) > 0);
  assert.ok((outcomes.get('complete')?.length ?? 0) > 0);
});
