// `npm run bench -- --fashion`: the book's chapter-19 Fashion-MNIST run with scratchnet and with
// TensorFlow.js (wasm), same network, initial weights, split and settings; then a seeded comparison of
// no regularization with L2 + dropout on a subset. Each run is its own process. Writes
// bench/fashion-results.json. Options: --epochs N, --train-per-class N (both systems; default 10,
// 6000), --reg-epochs N, --reg-train-per-class N (the comparison; default 10, 1000), --skip-tfjs,
// --skip-reg.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg } from './workloads/common.ts';

type Result = Record<string, number | string>;

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const epochs = arg('epochs', '10');
const perClass = arg('train-per-class', '6000');
const regEpochs = arg('reg-epochs', '10');
const regPerClass = arg('reg-train-per-class', '1000');
const REGULARIZED = { l2: '5e-4', dropout: '0.1' };

function child(file: string, args: string[]): Result {
  process.stderr.write(`${file} ${args.join(' ')}\n`);
  const command = [process.execPath, '--import', 'tsx', path.join('bench', 'workloads', file), ...args];
  const r = spawnSync(command[0], command.slice(1), {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (r.status !== 0 || !line) throw new Error(`${file} failed (exit ${r.status})`);
  return JSON.parse(line) as Result;
}

const fixed = (value: number | string, digits = 3) => Number(value).toFixed(digits);
const common = ['--epochs', epochs, '--train-per-class', perClass, '--seed', '0'];
const runs: Result[] = [child('scratchnet-fashion.ts', common)];
if (!process.argv.includes('--skip-tfjs'))
  runs.push(child('tfjs-fashion.ts', [...common, '--backend', 'wasm']));

const lines = [
  `Fashion-MNIST, the book's chapter-19 network: ${runs[0].trainImages} training / 10000 test images (seed 0), batch 128, ${epochs} epochs, Adam lr 0.001 decay 1e-3`,
  'system        test acc  test loss  train acc  train time  samples/s  peak RSS',
  ...runs.map(
    (r) =>
      `${String(r.system).padEnd(13)} ${fixed(r.testAccuracy).padStart(8)}  ${fixed(r.testLoss).padStart(9)}  ${fixed(r.trainAccuracy).padStart(9)}  ${`${fixed(r.trainSeconds, 1)} s`.padStart(10)}  ${fixed(r.samplesPerSec, 0).padStart(9)}  ${`${fixed(r.maxRssMB, 0)} MB`.padStart(8)}`,
  ),
];
if (runs.length === 2) {
  const difference = Number(runs[0].testAccuracy) - Number(runs[1].testAccuracy);
  lines.push(
    `scratchnet − TF.js test accuracy: ${difference >= 0 ? '+' : ''}${difference.toFixed(4)} (bar: within 0.01: ${Math.abs(difference) <= 0.01 ? 'yes' : 'NO'}); scratchnet ≥ 0.87: ${Number(runs[0].testAccuracy) >= 0.87 ? 'yes' : 'NO'}`,
  );
}

const comparison: Result[] = [];
if (!process.argv.includes('--skip-reg')) {
  const reg = ['--epochs', regEpochs, '--train-per-class', regPerClass, '--seed', '0'];
  comparison.push(child('scratchnet-fashion.ts', reg));
  comparison.push(
    child('scratchnet-fashion.ts', [...reg, '--l2', REGULARIZED.l2, '--dropout', REGULARIZED.dropout]),
  );
  const names = ['no regularization', `L2 ${REGULARIZED.l2} + dropout ${REGULARIZED.dropout}`];
  lines.push(
    '',
    `Regularization, scratchnet, seed 0: ${Number(regPerClass) * 10} training images (${regPerClass} per class), ${regEpochs} epochs, same test set`,
    'setting                      train acc  test acc  gap (train − test)',
    ...comparison.map(
      (r, i) =>
        `${names[i].padEnd(28)} ${fixed(r.trainAccuracy).padStart(9)}  ${fixed(r.testAccuracy).padStart(8)}  ${fixed(Number(r.trainAccuracy) - Number(r.testAccuracy)).padStart(8)}`,
    ),
  );
}
console.log(lines.join('\n'));
const file = path.join(ROOT, 'bench', 'fashion-results.json');
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), runs, comparison }, null, 2)}\n`);
console.log(`\nwritten: ${path.relative(ROOT, file)}`);
