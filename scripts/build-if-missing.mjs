// `npm start` right after `npm ci` on a fresh clone: the package builds on `prepack` (npm pack, npm
// publish, installs from git), not on every install, so a clone has no dist/ until the first build.
// This builds it once when it is missing; after editing src/, `npm run build` rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  process.exit(built.status ?? 1);
}
