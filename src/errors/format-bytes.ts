/**
 * A byte count as people read it, in decimal units (1 GB = 10^9 bytes, as disks and `df -H` count):
 * `512 bytes`, `3.4 MB`, `10.6 GB`, `400 GB`, `1.2 TB`. Error messages quote sizes with it, so that a refused
 * network or file says how big it is in a unit one can compare with a machine's memory.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  if (bytes < 1000) return `${Math.round(bytes)} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (value >= 1000) return `${value.toExponential(1)} ${units[unit]}`;
  return `${value < 100 ? value.toFixed(1) : value.toFixed(0)} ${units[unit]}`;
}
