import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SCRATCHNET_VERSION } from './version.ts';

test('SCRATCHNET_VERSION equals package.json version (bump both together)', () => {
  const pkg: { version: string } = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  );
  assert.equal(SCRATCHNET_VERSION, pkg.version);
});
