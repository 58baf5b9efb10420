// The playground's zip writer (web/src/zip-store.ts), read back by Python's zipfile, which checks
// every header and CRC.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { crc32, storeZip } from '../web/src/zip-store.ts';

test('CRC-32 of the check string "123456789" is 0xcbf43926 (IEEE 802.3)', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  assert.equal(crc32(new Uint8Array()), 0);
});

test('a stored zip of two folders unpacks, by another implementation, to the same bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scratchnet-zip-'));
  try {
    const weights = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) % 256);
    const entries = [
      { name: 'with/model.json', data: new TextEncoder().encode('{"a": 1}\n') },
      { name: 'with/weights.bin', data: weights },
      { name: 'without/weights.bin', data: weights.slice(0, 3) },
      { name: 'empty.txt', data: new Uint8Array() },
      // a non-ASCII name: without the UTF-8 flag, zipfile read it as cp437 ('├⌐t├⌐.txt')
      { name: 'été/données.txt', data: new TextEncoder().encode('x') },
    ];
    const zip = join(dir, 'runs.zip');
    writeFileSync(zip, storeZip(entries));
    const out = join(dir, 'out');
    // testzip reads every member and checks its CRC; -e extracts
    const bad = execFileSync(
      'python3',
      ['-c', `import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).testzip())`, zip],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(bad.trim(), 'None');
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, out]);
    for (const entry of entries)
      assert.deepEqual(new Uint8Array(readFileSync(join(out, entry.name))), entry.data);
    assert.deepEqual(storeZip(entries), storeZip(entries), 'the same files, the same bytes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('more files than a zip without Zip64 counts are refused, not wrapped to a wrong count', () => {
  const many = Array.from({ length: 0x10000 }, (_, i) => ({ name: String(i), data: new Uint8Array() }));
  assert.throws(() => storeZip(many), /at most 65535 files/);
  assert.doesNotThrow(() => storeZip(many.slice(0, 0xffff)));
});
