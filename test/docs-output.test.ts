// No stale output in the docs: every output block of README.md and docs/*.md is marked with the
// command that prints it (test/docs-output.ts). Cheap blocks are re-run here and must be equal line
// for line, so a changed number fails until the block is regenerated (`npm run docs:output -- --cheap`);
// blocks compared with a reference file must equal it; expensive blocks (Fashion-MNIST, the default
// sweep, the full npm start) must record the commit `npm run docs:output` wrote them from.
// Runs the built CLI (dist/), as `npm test` builds first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  applyShow,
  docFiles,
  findBlocks,
  findCodeBlocks,
  runCommand,
  unmarkedOutput,
} from './docs-output.ts';

const root = new URL('..', import.meta.url).pathname;
const files = docFiles(root);
const blocks = files.flatMap((file) => findBlocks(root, file));
// A command shown in two places runs once.
const outputs = new Map<string, string[]>();
function outputOf(command: string): string[] {
  let output = outputs.get(command);
  if (output === undefined) {
    output = runCommand(root, command);
    outputs.set(command, output);
  }
  return output;
}

describe('docs output blocks', () => {
  it('finds the marked blocks, and every block of training output is marked', () => {
    assert.ok(blocks.length >= 5, `only ${blocks.length} marked blocks found`);
    for (const file of files) {
      assert.deepEqual(
        unmarkedOutput(root, file),
        [],
        `${file}: output blocks without an <!-- output: ... --> marker at these lines`,
      );
    }
  });

  for (const block of blocks) {
    const where = `${block.file}:${block.markerLine + 1} (${block.command})`;
    if (block.commit !== undefined) {
      it(`${where} records the commit it was generated at`, () => {
        assert.match(
          block.commit ?? '',
          /^[0-9a-f]{7,40}$/,
          `${where}: run npm run docs:output to regenerate it`,
        );
      });
    } else if (block.reference !== undefined) {
      it(`${where} equals ${block.reference}`, () => {
        const reference = readFileSync(`${root}/${block.reference}`, 'utf8').replace(/\s+$/, '').split('\n');
        assert.deepEqual(applyShow(reference, block.show), block.lines, where);
      });
    } else {
      it(`${where} is what the command prints`, () => {
        const output = applyShow(outputOf(block.command), block.show);
        assert.deepEqual(
          block.lines,
          output,
          `${where} is stale: npm run docs:output -- --cheap rewrites it`,
        );
      });
    }
  }
});

describe('docs code blocks', () => {
  for (const block of files.flatMap((file) => findCodeBlocks(root, file))) {
    it(`${block.file}:${block.markerLine + 1} is ${block.source} as it is`, () => {
      const source = readFileSync(`${root}/${block.source}`, 'utf8').replace(/\s+$/, '').split('\n');
      assert.deepEqual(
        block.lines,
        source.slice(block.from - 1),
        `copy ${block.source} into ${block.file} again`,
      );
    });
  }
});

describe('applyShow', () => {
  it('keeps ranges and the last lines, with ... for each gap', () => {
    const lines = ['a', 'b', 'c', 'd', 'e', 'f'];
    assert.deepEqual(applyShow(lines, '1-2,-2'), ['a', 'b', '...', 'e', 'f']);
    assert.deepEqual(applyShow(lines, '2,4'), ['...', 'b', '...', 'd', '...']);
    assert.deepEqual(applyShow(lines, undefined), lines);
  });
});
