/**
 * Element i of numpy's `np.linspace(start, stop, num)` computed as numpy computes it (numpy 2.x
 * function_base.py): `i * ((stop - start) / (num - 1)) + start`, two roundings, with the last element
 * exactly `stop`; for num = 1 the only element is `start`.
 */
export function linspaceAt(start: number, stop: number, num: number, i: number): number {
  if (num === 1) return 0 * (stop - start) + start;
  if (i === num - 1) return stop;
  return i * ((stop - start) / (num - 1)) + start;
}
