import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { makeFolder } from '../../io/write-target.ts';
import { readJsonFile, writeJson } from '../run-folder.ts';
import type { TrainConfig } from '../train-config.ts';
import type { SweepGrid, SweepPoint } from './sweep-grid.ts';
import type { RunResult } from './train-point.ts';

// A sweep folder: sweep-config.json (what the sweep is: base configuration, grid, scoring options),
// results/<run key>.json (one file per finished run, written atomically as the run ends, so that a
// stopped sweep loses only the runs in progress), and at the end sweep.csv, sweep.json, sweep.svg.

export const SPEC_FILE = 'sweep-config.json';
const RESULTS = 'results';
const FORMAT = 'scratchnet-sweep/1';

/** Everything that decides a sweep's numbers: resuming must find the same. */
export interface SweepSpec {
  format: typeof FORMAT;
  base: TrainConfig;
  grid: SweepGrid;
  validationSamples: number;
  nearZero: number;
}

export function makeSpec(fields: Omit<SweepSpec, 'format'>): SweepSpec {
  return { format: FORMAT, ...fields };
}

export async function readSpec(folder: string): Promise<SweepSpec | null> {
  const path = join(folder, SPEC_FILE);
  if (!existsSync(path)) return null;
  const spec = (await readJsonFile(path, 'the sweep configuration')) as Partial<SweepSpec>;
  if (spec.format !== FORMAT || !spec.base || !spec.grid) {
    throw new ScratchnetError(
      'BAD_STATE',
      `${path} is not a sweep configuration scratchnet ${FORMAT} understands`,
      'start a new sweep in another folder (--out)',
    );
  }
  return spec as SweepSpec;
}

export async function writeSpec(folder: string, spec: SweepSpec): Promise<void> {
  await makeFolder(join(folder, RESULTS));
  await writeJson(join(folder, SPEC_FILE), spec);
}

/** What differs between a stored sweep and a requested one, as `name: stored → requested`. */
export function specDifferences(stored: SweepSpec, requested: SweepSpec): string[] {
  const differences: string[] = [];
  const compare = (name: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(`${name}: ${show(a)} → ${show(b)}`);
  };
  for (const key of Object.keys(requested.grid) as (keyof SweepGrid)[]) {
    compare(`--${key}`, stored.grid[key], requested.grid[key]);
  }
  for (const key of Object.keys(requested.base) as (keyof TrainConfig)[]) {
    compare(key, stored.base[key], requested.base[key]);
  }
  compare('--validation-samples', stored.validationSamples, requested.validationSamples);
  compare('--near-zero', stored.nearZero, requested.nearZero);
  return differences;
}

function show(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

export async function writeResult(folder: string, result: RunResult): Promise<void> {
  await writeJson(join(folder, RESULTS, `${result.key}.json`), result);
}

/**
 * The finished runs of these points found in the folder. A file that cannot be read as a result (edited
 * by hand, say) counts as not finished: that run is trained again and the file replaced.
 */
export async function readResults(
  folder: string,
  points: readonly SweepPoint[],
): Promise<Map<string, RunResult>> {
  const found = new Map<string, RunResult>();
  for (const point of points) {
    const path = join(folder, RESULTS, `${point.key}.json`);
    if (!existsSync(path)) continue;
    try {
      const result = JSON.parse(await readFile(path, 'utf8')) as RunResult;
      if (result.key === point.key && Number.isFinite(result.validationAccuracy))
        found.set(point.key, result);
    } catch {
      // unreadable: train it again
    }
  }
  return found;
}
