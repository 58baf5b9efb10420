// Regenerates the expensive output blocks of README.md and docs/*.md (those whose marker records a
// commit: Fashion-MNIST, the default sweep, the full npm start) by running their commands, and records
// in each marker the commit the output came from. The cheap blocks are checked by the docs check in
// `npm test` (test/docs-output.test.ts) and can be refreshed here too with --cheap.
// Run: npm run docs:output [-- --cheap] [-- substring ...]   (builds first; Fashion-MNIST takes minutes)
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { applyShow, docFiles, findBlocks, runCommand } from '../test/docs-output.ts';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const cheapToo = args.includes('--cheap');
const filters = args.filter((a) => !a.startsWith('--'));
const commit = execSync('git rev-parse --short=12 HEAD', { cwd: root, encoding: 'utf8' }).trim();
const dirty = execSync('git status --porcelain -- src assembly examples', {
  cwd: root,
  encoding: 'utf8',
}).trim();
if (dirty !== '') {
  console.error('error: src/, assembly/ or examples/ has uncommitted changes');
  console.error('hint: commit them first, so that the recorded commit is the code that printed the output');
  process.exit(1);
}

for (const file of docFiles(root)) {
  // Blocks are rewritten from the last to the first, so that earlier line numbers stay valid.
  const blocks = findBlocks(root, file).reverse();
  let lines = readFileSync(`${root}/${file}`, 'utf8').split('\n');
  let changed = false;
  for (const block of blocks) {
    if (block.reference !== undefined) continue;
    if (block.commit === undefined && !cheapToo) continue;
    if (filters.length > 0 && !filters.some((f) => block.command.includes(f))) continue;
    console.log(`${file}:${block.markerLine + 1}: ${block.command}`);
    const started = Date.now();
    const output = applyShow(runCommand(root, block.command), block.show);
    console.log(`  ${output.length} lines in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const options = [block.command];
    if (block.show !== undefined) options.push(`show: ${block.show}`);
    if (block.commit !== undefined) options.push(`commit: ${commit}`);
    const marker = `<!-- output: ${options.join('; ')} -->`;
    lines = [
      ...lines.slice(0, block.markerLine),
      marker,
      lines[block.open],
      ...output,
      ...lines.slice(block.close),
    ];
    changed = true;
  }
  if (changed) writeFileSync(`${root}/${file}`, lines.join('\n'));
}
