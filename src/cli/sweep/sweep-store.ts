import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { readRegularTextFile } from '../../io/regular-file.ts';
import { makeFolder } from '../../io/write-target.ts';
import { parseNonNegative, parsePositive, parsePositiveInteger, parseRate, parseSeed } from '../parse.ts';
import { readJsonFile, writeJson } from '../run-folder.ts';
import type { TrainConfig } from '../train-config.ts';
import { configFromRecord } from '../train-config-resolve.ts';
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
  if (spec === null || typeof spec !== 'object' || spec.format !== FORMAT || !spec.base || !spec.grid) {
    throw new ScratchnetError(
      'BAD_STATE',
      `${path} is not a sweep configuration scratchnet ${FORMAT} understands`,
      'start a new sweep in another folder (--out)',
    );
  }
  try {
    // checked as a new sweep's settings are: an edit could otherwise train something else silently
    return {
      format: FORMAT,
      base: configFromRecord(requireRecord('base', spec.base)),
      grid: checkGrid(spec.grid),
      validationSamples: checkNumber('validationSamples', spec.validationSamples, parsePositiveInteger),
      nearZero: checkNumber('nearZero', spec.nearZero, parsePositive),
    };
  } catch (error) {
    if (!(error instanceof ScratchnetError)) throw error;
    throw new ScratchnetError(
      'BAD_STATE',
      `${path}: ${error.message}`,
      'undo the edit, or start a new sweep in another folder (--out) with the settings as flags',
    );
  }
}

function requireRecord(name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${name} must be a JSON object, got ${JSON.stringify(value)}`,
    );
  }
  return value as Record<string, unknown>;
}

function checkGrid(grid: unknown): SweepGrid {
  const axes = requireRecord('grid', grid) as Record<keyof SweepGrid, unknown>;
  const axis = (name: keyof SweepGrid, parse: (text: string) => number): number[] => {
    const values = axes[name];
    if (!Array.isArray(values) || values.length === 0) {
      throw new ScratchnetError(
        'INVALID_OPTION',
        `grid.${name} must be a non-empty list, got ${JSON.stringify(values)}`,
      );
    }
    return values.map((value, i) => checkNumber(`grid.${name}[${i}]`, value, parse));
  };
  return {
    l2: axis('l2', parseNonNegative),
    l1: axis('l1', parseNonNegative),
    dropout: axis('dropout', parseRate),
    seeds: axis('seeds', parseSeed),
  };
}

function checkNumber(name: string, value: unknown, parse: (text: string) => number): number {
  try {
    if (typeof value !== 'number') throw new Error('expected a number');
    return parse(String(value));
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\.$/, '') : 'invalid';
    throw new ScratchnetError('INVALID_OPTION', `${name} is ${JSON.stringify(value)}: ${reason}`);
  }
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
      const text = await readRegularTextFile(path, { what: 'the result', maxBytes: 1_000_000 });
      const result = JSON.parse(text) as RunResult;
      if (result.key === point.key && Number.isFinite(result.validationAccuracy))
        found.set(point.key, result);
    } catch {
      // unreadable: train it again
    }
  }
  return found;
}
