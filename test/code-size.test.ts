// The size budget of STYLE.md, checked rather than hoped for: no source file over 300 lines and no
// function over 60, so that each file stays one concept a reader can hold. Generated files (the
// WebAssembly bytes) and tests are exempt. Functions are found with TypeScript's own parser.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..');
const FOLDERS = ['src', 'web/src', 'bench', 'assembly', 'scripts'];
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'history' && !name.startsWith('.'))
        found.push(...sourceFiles(path));
    } else if (/\.(ts|mjs)$/.test(name) && !/\.(test|generated)\.ts$/.test(name)) found.push(path);
  }
  return found;
}

const files = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));

/** Each function-like node longer than the budget: "file:line name (n lines)". */
function longFunctions(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > MAX_FUNCTION_LINES) {
        const name = node.name?.getText(source) ?? '(anonymous)';
        found.push(`${relative(ROOT, path)}:${start + 1} ${name} (${lines} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('the size check sees the source files', () => {
  assert.ok(files.length > 100, `only ${files.length} files found`);
  assert.ok(files.some((f) => f.endsWith(join('src', 'index.ts'))));
});

test(`no source file is over ${MAX_FILE_LINES} lines`, () => {
  const long = files
    .map((path) => ({ path, lines: readFileSync(path, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_FILE_LINES)
    .map(({ path, lines }) => `${relative(ROOT, path)} (${lines} lines)`);
  assert.deepEqual(long, [], 'split these files by concept');
});

test(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
  const long = files.flatMap((path) => longFunctions(path, readFileSync(path, 'utf8')));
  assert.deepEqual(long, [], 'split these functions');
});
