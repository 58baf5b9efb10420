// `scratchnet train`, `evaluate`, `predict` and `summary` as a user runs them (built files, real disk).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertCleanFailure, cli, runCli } from './cli-runner.ts';

// Long enough that the Ctrl-C sent at epoch 10 always lands before the run ends (400 epochs once
// did not leave a safe margin once training got faster).
const CUT_EPOCHS = '2000';
const SMALL = ['--samples', '100', '--print-every', '50'];

const run = (...args: string[]) => runCli(args);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'scratchnet-train-'));
}

describe('scratchnet train', () => {
  test('writes the run folder: config, TensorFlow.js model files, history as JSON and CSV', () => {
    const out = join(tempDir(), 'run');
    const { code, stdout } = run('train', ...SMALL, '--epochs', '100', '--out', out);
    assert.equal(code, 0);
    assert.match(stdout, /^epoch: 50, acc: \d\.\d{3}, loss: \d\.\d{3} \(data_loss: /m);
    assert.match(stdout, /^validation: acc: \d\.\d{3}/m);
    assert.deepEqual(readdirSync(out).sort(), [
      'checkpoint',
      'config.json',
      'curves.svg',
      'decision-boundary.png',
      'history.csv',
      'history.json',
      'model.json',
      'run.json',
      'weights.bin',
    ]);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    assert.equal(config.epochs, 100);
    assert.deepEqual(config.dropout, [0.1]);
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    assert.equal(history.loss.length, 100);
    assert.equal(readFileSync(join(out, 'history.csv'), 'utf8').trim().split('\n').length, 101);
  });

  test('--activation tanh and leaky_relu train and are saved as TF.js writes them', () => {
    for (const [activation, expected] of [
      ['tanh', ['Dense:tanh', 'Dropout', 'Dense:softmax']],
      ['leaky_relu', ['Dense:linear', 'LeakyReLU:0.01', 'Dropout', 'Dense:softmax']],
    ] as const) {
      const out = join(tempDir(), 'run');
      const { code, stdout } = run(
        'train',
        ...SMALL,
        '--epochs',
        '50',
        '--activation',
        activation,
        '--out',
        out,
      );
      assert.equal(code, 0);
      assert.match(stdout, /^epoch: 50, acc: /m);
      const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
      const layers = model.modelTopology.config.layers.map(
        (l: { class_name: string; config: { activation?: string; alpha?: number } }) =>
          [l.class_name, l.config.activation ?? l.config.alpha].filter((v) => v !== undefined).join(':'),
      );
      assert.deepEqual(layers, expected);
    }
  });

  test('--features trains on the chosen input features and saves them with the model', () => {
    const out = join(tempDir(), 'run');
    const features = ['x1', 'x2', 'x1^2', 'x2^2', 'sin_x1'];
    const { code } = run('train', ...SMALL, '--epochs', '20', '--features', features.join(','), '--out', out);
    assert.equal(code, 0);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    assert.deepEqual(model.modelTopology.config.layers[0].config.batch_input_shape, [null, 5]);
    assert.deepEqual(model.userDefinedMetadata.scratchnet.extras, { features });
    assert.deepEqual(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).features, features);
    const bad = run('train', '--features', 'x1,x3', '--out', join(tempDir(), 'bad'));
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^error: .*unknown feature "x3"/m);
  });

  test('--json prints one JSON object per reported epoch and a summary', () => {
    const { code, stdout } = run(
      'train',
      ...SMALL,
      '--epochs',
      '100',
      '--json',
      '--out',
      join(tempDir(), 'run'),
    );
    assert.equal(code, 0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      lines.map((l) => l.type),
      ['epoch', 'epoch', 'summary'],
    );
    assert.equal(lines[1].epoch, 100);
    assert.equal(typeof lines[2].validation.accuracy, 'number');
  });

  test('--resume from a checkpoint ends with the same weights as an uninterrupted run', () => {
    const dir = tempDir();
    assert.equal(
      run('train', ...SMALL, '--epochs', '100', '--quiet', '--out', join(dir, 'straight')).code,
      0,
    );
    assert.equal(
      run(
        'train',
        ...SMALL,
        '--epochs',
        '50',
        '--checkpoint-every',
        '50',
        '--quiet',
        '--out',
        join(dir, 'split'),
      ).code,
      0,
    );
    const resumed = run('train', '--resume', join(dir, 'split'), '--epochs', '100', '--quiet');
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual(
      readFileSync(join(dir, 'split', 'weights.bin')),
      readFileSync(join(dir, 'straight', 'weights.bin')),
    );
  });

  test('Ctrl-C writes a checkpoint and exits 130; resuming reproduces the uninterrupted run', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [
      cli,
      'train',
      ...SMALL,
      '--epochs',
      CUT_EPOCHS,
      '--print-every',
      '1',
      '--out',
      join(dir, 'cut'),
    ]);
    let output = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('epoch: 10,') && !child.killed) child.kill('SIGINT');
      });
      child.on('close', resolve);
    });
    assert.equal(code, 130);
    assert.ok(existsSync(join(dir, 'cut', 'checkpoint', 'current.json')));
    assert.equal(existsSync(join(dir, 'cut', 'model.json')), false, 'no final model for an interrupted run');
    assert.equal(run('train', '--resume', join(dir, 'cut'), '--quiet').code, 0);
    assert.equal(
      run('train', ...SMALL, '--epochs', CUT_EPOCHS, '--quiet', '--out', join(dir, 'straight')).code,
      0,
    );
    assert.deepEqual(
      readFileSync(join(dir, 'cut', 'weights.bin')),
      readFileSync(join(dir, 'straight', 'weights.bin')),
    );
  });

  test('--config takes the same keys as the flags, and flags win', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ hidden: [8, 8], dropout: 0, epochs: 20, lr: 0.01 }),
    );
    assert.equal(
      run(
        'train',
        '--config',
        join(dir, 'config.json'),
        '--epochs',
        '10',
        '--quiet',
        '--out',
        join(dir, 'run'),
      ).code,
      0,
    );
    const config = JSON.parse(readFileSync(join(dir, 'run', 'config.json'), 'utf8'));
    assert.deepEqual([config.hidden, config.dropout, config.epochs, config.lr], [[8, 8], [0], 10, 0.01]);
  });

  const cores = availableParallelism();
  test('--threads above the cores warns once, trains all the same; --threads at the cores says nothing', {
    skip: cores >= 64 ? 'more than 63 cores: --threads cannot exceed them' : false,
  }, () => {
    const dir = tempDir();
    const over = run(
      'train',
      ...SMALL,
      '--epochs',
      '5',
      '--quiet',
      '--threads',
      `${cores + 1}`,
      '--out',
      join(dir, 'a'),
    );
    assert.equal(over.code, 0, over.stderr);
    assert.equal(over.stderr.match(/^warning: /gm)?.length, 1, over.stderr);
    assert.match(
      over.stderr,
      new RegExp(`^warning: --threads ${cores + 1} is more than the ${cores} CPU cores?`, 'm'),
    );
    assert.equal(over.stdout, '');
    const within = run(
      'train',
      ...SMALL,
      '--epochs',
      '5',
      '--quiet',
      '--threads',
      `${cores}`,
      '--out',
      join(dir, 'b'),
    );
    assert.equal(within.code, 0, within.stderr);
    assert.equal(within.stderr, '');
  });
});

describe('evaluate, predict and summary on a saved run', () => {
  const dir = tempDir();
  const model = join(dir, 'run');
  run('train', ...SMALL, '--epochs', '200', '--quiet', '--out', model);
  const data = join(dir, 'test.csv');
  run('data', 'spiral', '--samples', '20', '--seed', '5', '--out', data);

  test('evaluate prints accuracy and loss', () => {
    const { code, stdout } = run('evaluate', '--model', model, '--data', data);
    assert.equal(code, 0);
    assert.match(stdout, /^evaluation, acc: \d\.\d{3}, loss: \d\.\d{3} \(60 rows\)$/m);
  });

  test('predict writes class probabilities that sum to 1 and the arg-max label', () => {
    const { code, stdout } = run('predict', '--model', model, '--data', data);
    assert.equal(code, 0);
    const [header, ...rows] = stdout.trim().split('\n');
    assert.equal(header, 'p0,p1,p2,label');
    assert.equal(rows.length, 60);
    for (const row of rows) {
      const values = row.split(',').map(Number);
      const p = values.slice(0, 3);
      assert.ok(Math.abs(p[0] + p[1] + p[2] - 1) < 1e-5);
      assert.equal(values[3], p.indexOf(Math.max(...p)));
    }
  });

  test('summary shows the layers and regularizers', () => {
    const { stdout } = run('summary', '--model', model);
    assert.match(stdout, /dense1\s+Dense\s+\(batch, 64\)\s+192\s+L2w 5e-4, L2b 5e-4/);
    assert.match(stdout, /dropout1\s+Dropout.*0\.1/);
  });

  test('a truncated weights file is refused with CORRUPT_MODEL_FILE wording, not garbage', () => {
    const broken = join(dir, 'broken');
    run('train', ...SMALL, '--epochs', '1', '--quiet', '--out', broken);
    truncateSync(join(broken, 'weights.bin'), 100);
    const { code, stderr } = run('evaluate', '--model', broken, '--data', data);
    assert.notEqual(code, 0);
    assert.match(stderr, /^error: .*weights/m);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});

test('--precision float32 trains with float32 products and records it in config.json, which --resume reads', () => {
  const dir = tempDir();
  const out = (name: string) => join(dir, name);
  const common = ['--samples', '100', '--epochs', '300', '--print-every', '300', '--quiet'];
  const exact = run('train', ...common, '--out', out('exact'));
  const fast = run('train', ...common, '--precision', 'float32', '--out', out('float32'));
  assert.equal(exact.code, 0, exact.stderr);
  assert.equal(fast.code, 0, fast.stderr);
  const config = (name: string) => JSON.parse(readFileSync(join(out(name), 'config.json'), 'utf8'));
  assert.equal(config('exact').precision, 'exact');
  assert.equal(config('float32').precision, 'float32');
  // float32 sums round differently: after 300 epochs the weights differ, if only in the last bits
  const weights = (name: string) => readFileSync(join(out(name), 'weights.bin'));
  assert.notDeepEqual(weights('float32'), weights('exact'));
});

describe('bad input to train: one error line and a hint, exit 1, no run folder', () => {
  const dir = tempDir();
  const csv = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return `csv:${path}`;
  };
  const cases: [string, string[], RegExp][] = [
    ['a ragged CSV row', ['--dataset', csv('ragged.csv', 'a,b,label\n1,2,0\n1,0\n')], /line 3 has 2 values/],
    ['a non-numeric cell', ['--dataset', csv('text.csv', 'a,b,label\n1,x,0\n')], /"x" is not a number/],
    ['NaN in the data', ['--dataset', csv('nan.csv', 'a,b,label\n1,NaN,0\n')], /not a finite number/],
    ['an empty CSV', ['--dataset', csv('empty.csv', '')], /is empty/],
    [
      'a missing label column',
      ['--dataset', csv('ok.csv', 'a,b,label\n1,2,0\n'), '--label', 'class'],
      /no column named "class"/,
    ],
    ['an unknown config key', ['--config', join(dir, 'bad-config.json')], /unknown key "learningRate"/],
    ['a missing model folder to resume', ['--resume', join(dir, 'nothing')], /not found/],
    ['--dropout 1', ['--dropout', '1'], /rate in \[0, 1\)/],
    ['--epochs 0', ['--epochs', '0'], /whole number >= 1/],
    ['--lr text', ['--lr', 'fast'], /expected a number/],
    ['an unknown --precision', ['--precision', 'fast'], /exact, float32/],
  ];
  writeFileSync(join(dir, 'bad-config.json'), JSON.stringify({ learningRate: 0.1 }));
  for (const [name, args, message] of cases) {
    test(name, () => {
      const out = join(dir, `out-${name.replace(/\W+/g, '-')}`);
      const result = run('train', ...args, ...(args[0] === '--resume' ? [] : ['--out', out]));
      assertCleanFailure(result, message, out);
    });
  }

  test('a diverging run stops, says so, and keeps the last good checkpoint', () => {
    const out = join(dir, 'diverged');
    const { code, stderr } = run(
      'train',
      ...SMALL,
      '--optimizer',
      'sgd',
      '--lr',
      '1e30',
      '--decay',
      '0',
      '--checkpoint-every',
      '1',
      '--epochs',
      '500',
      '--quiet',
      '--out',
      out,
    );
    assert.equal(code, 1);
    assert.match(stderr, /^error: training diverged at epoch \d+.*last good checkpoint is kept/m);
    assert.ok(existsSync(join(out, 'checkpoint', 'current.json')));
    assert.equal(existsSync(join(out, 'model.json')), false);
  });
});

test('on a terminal, a live progress bar with epoch, loss, accuracy and ETA', (t) => {
  // util-linux's `script` runs the command under a pseudo-terminal, as a user's shell would
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    t.skip('script(1) is not installed');
    return;
  }
  const out = join(tempDir(), 'tty');
  const command = `${process.execPath} ${cli} train --samples 100 --epochs 150 --print-every 50 --out ${out}`;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout);
  assert.match(result.stdout, /epoch 150\/150 \[[█░]+\] 100% \| loss \d\.\d{3} \| acc \d\.\d{3} \| ETA \d+s/);
  assert.match(result.stdout, /epoch: 100, acc: /);
});
