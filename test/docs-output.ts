// The output blocks of README.md and docs/*.md, found by their markers, shared by the docs check
// (test/docs-output.test.ts) and by scripts/regenerate-docs-output.mjs.
//
// A block the code produces is a fenced block right after a marker such as
//   <!-- output: npx scratchnet gradcheck --l1w 1e-3; show: 1-4,-2 -->
// `show` picks the lines shown (1-based ranges, `-N` for the last N; gaps become `...`), so that a
// block can leave out the lines that change from run to run (times, folder names). A marker with
// `commit: <hash>` is an expensive block, written by `npm run docs:output` at that commit; one with
// `reference: <file>` is compared with that file; any other is re-run by the docs check.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OutputBlock {
  file: string;
  /** 0-based index of the marker line. */
  markerLine: number;
  command: string;
  show: string | undefined;
  commit: string | undefined;
  reference: string | undefined;
  /** The block's lines, without its fences. */
  lines: string[];
  /** 0-based indexes of the opening and closing fences. */
  open: number;
  close: number;
}

const MARKER = /^<!-- output: (.*) -->$/;

/** README.md and every docs/*.md, relative to root. */
export function docFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

export function parseMarker(text: string): Pick<OutputBlock, 'command' | 'show' | 'commit' | 'reference'> {
  const [command, ...options] = text.split(';').map((part) => part.trim());
  const option = (key: string) =>
    options
      .find((part) => part.startsWith(`${key}:`))
      ?.slice(key.length + 1)
      .trim();
  return {
    command: command ?? '',
    show: option('show'),
    commit: option('commit'),
    reference: option('reference'),
  };
}

export function findBlocks(root: string, file: string): OutputBlock[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: OutputBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = MARKER.exec(lines[i] ?? '');
    if (!match) continue;
    const open = i + 1;
    if (!(lines[open] ?? '').startsWith('```')) {
      throw new Error(`${file}:${i + 1}: an output marker must be followed at once by a fenced block`);
    }
    let close = open + 1;
    while (close < lines.length && lines[close] !== '```') close++;
    if (close === lines.length) throw new Error(`${file}:${open + 1}: the fenced block is not closed`);
    blocks.push({
      file,
      markerLine: i,
      ...parseMarker(match[1] ?? ''),
      lines: lines.slice(open + 1, close),
      open,
      close,
    });
  }
  return blocks;
}

/** Fenced blocks that look like training output (an epoch line, an accuracy) but carry no marker. */
export function unmarkedOutput(root: string, file: string): number[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const found: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!(lines[i] ?? '').startsWith('```')) continue;
    let close = i + 1;
    while (close < lines.length && !(lines[close] ?? '').startsWith('```')) close++;
    const body = lines.slice(i + 1, close).join('\n');
    const marked = MARKER.test(lines[i - 1] ?? '');
    if (!marked && /(^|\n)(epoch: \d|validation, acc: |test: +acc: )/.test(body)) found.push(i + 1);
    i = close;
  }
  return found;
}

/** The lines that `show` keeps, with `...` where lines are left out. */
export function applyShow(output: string[], show: string | undefined): string[] {
  if (show === undefined) return output;
  const n = output.length;
  const kept: boolean[] = new Array<boolean>(n).fill(false);
  for (const part of show.split(',').map((p) => p.trim())) {
    let from: number;
    let to: number;
    if (/^-\d+$/.test(part)) {
      from = n - Number(part.slice(1)) + 1;
      to = n;
    } else if (/^\d+-\d+$/.test(part)) {
      [from, to] = part.split('-').map(Number) as [number, number];
    } else if (/^\d+$/.test(part)) {
      from = to = Number(part);
    } else {
      throw new Error(`show: cannot read "${part}" (ranges like 1-4, 7, or -3 for the last three lines)`);
    }
    for (let line = Math.max(1, from); line <= Math.min(n, to); line++) kept[line - 1] = true;
  }
  const result: string[] = [];
  for (let i = 0; i < n; i++) {
    if (kept[i]) result.push(output[i] ?? '');
    else if (result.at(-1) !== '...') result.push('...');
  }
  return result;
}

/** The command as a reader types it, run here without npx or a rebuild. */
export function shellCommand(command: string): string {
  return command
    .replace(/^npm start -- /, 'node dist/cli/main.js train ')
    .replace(/^npm start$/, 'node dist/cli/main.js train')
    .replace(/^(npx )?scratchnet /, 'node dist/cli/main.js ')
    .replace(/^npx tsx /, 'node --import tsx ');
}

/** Runs a block's command in root and returns its output lines (stdout and stderr, no trailing blank). */
export function runCommand(root: string, command: string): string[] {
  const result = spawnSync('sh', ['-c', `${shellCommand(command)} 2>&1`], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (result.status !== 0) {
    throw new Error(`"${command}" exited with ${result.status}:\n${result.stdout}`);
  }
  const lines = result.stdout.replace(/\s+$/, '').split('\n');
  return lines;
}

export interface CodeBlock {
  file: string;
  markerLine: number;
  source: string;
  from: number;
  lines: string[];
}

/** Code blocks marked `<!-- code: examples/x.ts; from: 3 -->`: a copy of that file from that line on. */
export function findCodeBlocks(root: string, file: string): CodeBlock[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^<!-- code: (.*) -->$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [source, ...options] = (match[1] ?? '').split(';').map((part) => part.trim());
    const from = Number(
      options
        .find((o) => o.startsWith('from:'))
        ?.slice(5)
        .trim() ?? '1',
    );
    let close = i + 2;
    while (close < lines.length && lines[close] !== '```') close++;
    blocks.push({ file, markerLine: i, source: source ?? '', from, lines: lines.slice(i + 2, close) });
  }
  return blocks;
}
