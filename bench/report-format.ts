// Formatting shared by the bench's tables.

import type { Result } from './child.ts';
import { median } from './workloads/common.ts';

export interface Target {
  name: string;
  value: number;
  goal: number;
  /** Met when value <= goal (a slowdown, a time) rather than >= (a speed-up). */
  atMost?: boolean;
}

export const isMet = (t: Target): boolean => (t.atMost ? t.value <= t.goal : t.value >= t.goal);

/** Where a row's targets are listed: the main list, one thread's (for reference), or opt-in float32. */
export interface RowTargets {
  targets: Target[];
  singleThread: Target[];
  optIn: Target[];
}

export const noTargets = (): RowTargets => ({ targets: [], singleThread: [], optIn: [] });

export const med = (rs: Result[], key: string): number => median(rs.map((r) => Number(r[key])));
export const maxRss = (rs: Result[]): number => Math.max(...rs.map((r) => r.maxRssMB));
export const last = (rs: Result[]): Result => rs[rs.length - 1];
export const f = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');
export const ratio = (x: number): string => `${f(x, 2)}x`;
export const pad = (cells: string[], widths: number[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');

/** `[MET] name: value` lines. */
export function targetLines(targets: readonly Target[]): string[] {
  return targets.map((t) => `  [${isMet(t) ? 'MET' : 'NOT MET'}] ${t.name}: ${f(t.value, 2)}`);
}
