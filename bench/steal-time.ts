import { readFileSync } from 'node:fs';

// Time the hypervisor took from this virtual machine (Linux's "steal" column of /proc/stat, see
// proc(5)): on a shared host it slows every system in the bench, and not all alike, so the bench
// reports how much there was during its run.

/** The aggregate CPU counters (in clock ticks): all columns summed, and steal; null off Linux. */
export function readCpuTicks(): { total: number; steal: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    if (fields.length < 8 || fields.some((v) => !Number.isFinite(v))) return null;
    // guest and guest_nice are already counted in user and nice
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { total, steal: fields[7] };
  } catch {
    return null;
  }
}

/** Steal as a percentage of all CPU time between two readings; null when either is missing. */
export function stealPercent(
  before: { total: number; steal: number } | null,
  after: { total: number; steal: number } | null,
): number | null {
  if (before === null || after === null || after.total <= before.total) return null;
  return (100 * (after.steal - before.steal)) / (after.total - before.total);
}
