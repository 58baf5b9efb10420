// Editing parsed JSON by dotted paths (`modelTopology.config.layers.0.config`), for tests that damage files.

/** The value at a dotted path such as `modelTopology.config.layers.0.config`. */
export function getAt(root: unknown, path: string): unknown {
  if (path === '') return root;
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined,
      root,
    );
}

/** Sets (or with undefined deletes) the value at a dotted path. */
export function setAt(root: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  const parent = getAt(root, keys.join('.')) as Record<string, unknown>;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}

export function edited(root: unknown, edits: readonly [string, unknown][]): unknown {
  for (const [path, value] of edits) setAt(root, path, value);
  return root;
}
