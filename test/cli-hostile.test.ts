// Hostile input to the built command line (issue 15): devices, pipes, decompression bombs, absurd
// sizes and edited files. Each must end in one `error:` line with a hint, exit 1, no stack trace and
// nothing left behind, quickly: every run here has a time limit, so a hang fails instead of blocking.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { createRgbaImage } from '../src/data/rgba-image.ts';
import { encodePng } from '../src/io/png-file.ts';
import { cli } from './cli-runner.ts';

const dir = mkdtempSync(join(tmpdir(), 'scratchnet-hostile-'));

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    cwd: dir,
    timeout: 120_000,
  });
  assert.notEqual(result.signal, 'SIGTERM', `timed out: scratchnet ${args.join(' ')}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Exit 1, one error line naming `message`, a hint, no stack trace, and `folder` not created. */
function assertRefused(result: ReturnType<typeof run>, message: RegExp, folder = join(dir, 'never')): void {
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stderr.match(/^error: /gm)?.length, 1, result.stderr);
  assert.match(result.stderr, message);
  assert.match(result.stderr, /^hint: /m);
  assert.doesNotMatch(result.stderr, /looks like a bug|\n\s+at /);
  assert.equal(existsSync(folder), false, `${folder} was created`);
}

function fifo(name: string): string {
  const path = join(dir, name);
  assert.equal(spawnSync('mkfifo', [path]).status, 0);
  return path;
}

const never = join(dir, 'never');

describe('files that are not regular files', () => {
  test('--config /dev/zero says it is a device (it said "not found")', () => {
    assertRefused(
      run('train', '--config', '/dev/zero', '--out', never),
      /the config file "\/dev\/zero" is a character device/,
    );
  });

  test('--config on a named pipe is refused at once instead of hanging', () => {
    assertRefused(run('train', '--config', fifo('config.json'), '--out', never), /is a named pipe \(FIFO\)/);
  });

  test('--dataset csv: on /dev/zero is refused', () => {
    assertRefused(
      run('train', '--dataset', 'csv:/dev/zero', '--out', never),
      /the CSV file "\/dev\/zero" is a character device/,
    );
  });

  test('data --out on a named pipe is refused and the pipe stays a pipe', () => {
    const pipe = fifo('out.csv');
    assertRefused(run('data', 'spiral', '--out', pipe), /cannot write .*out\.csv: it is a named pipe/);
    assert.ok(statSync(pipe).isFIFO());
  });

  test('--out /proc/self/x fails at once (it hung: Node’s recursive mkdir loops there)', {
    skip: !existsSync('/proc/self'),
  }, () => {
    assertRefused(
      run('train', '--epochs', '1', '--out', '/proc/self/x'),
      /cannot (write|make the run folder) \/proc\/self\/x: .*ENOENT/,
      '/proc/self/x',
    );
  });
});

describe('predict --image', () => {
  const model = join(dir, 'model');
  const trained = run('train', '--samples', '20', '--epochs', '1', '--quiet', '--out', model);

  test('/dev/zero and a named pipe are refused', () => {
    assert.equal(trained.code, 0, trained.stderr);
    assertRefused(
      run('predict', '--model', model, '--image', '/dev/zero'),
      /the image "\/dev\/zero" is a character device/,
    );
    assertRefused(run('predict', '--model', model, '--image', fifo('shirt.png')), /is a named pipe/);
  });

  test('a config.json beside the model that is a named pipe is not waited on (class names are numbers)', () => {
    const square = join(dir, 'square');
    writeFileSync(join(dir, 'pixels.csv'), 'p0,p1,p2,p3,label\n0,0,1,1,0\n1,1,0,0,1\n');
    assert.equal(
      run('train', '--dataset', 'csv:pixels.csv', '--epochs', '1', '--quiet', '--out', square).code,
      0,
    );
    rmSync(join(square, 'config.json'));
    assert.equal(spawnSync('mkfifo', [join(square, 'config.json')]).status, 0);
    writeFileSync(join(dir, 'grey.png'), encodePng(createRgbaImage(2, 2)));
    const predicted = run('predict', '--model', square, '--image', join(dir, 'grey.png'));
    assert.equal(predicted.code, 0, predicted.stderr);
    assert.match(predicted.stdout, /^1\. class [01] /m);
  });

  test('a 66-byte PNG declaring 30000x30000 pixels is refused by its header', () => {
    const chunk = (type: string, data: Buffer) => {
      const out = Buffer.alloc(12 + data.length);
      out.writeUInt32BE(data.length, 0);
      out.write(type, 4, 'latin1');
      data.copy(out, 8);
      return out; // the CRC is not checked before the size is
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(30000, 0);
    ihdr.writeUInt32BE(30000, 4);
    ihdr.set([8, 6, 0, 0, 0], 8);
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const bomb = Buffer.concat([
      signature,
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.alloc(1))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    writeFileSync(join(dir, 'bomb.png'), bomb);
    assert.ok(bomb.length < 70, `${bomb.length} bytes`);
    assertRefused(
      run('predict', '--model', model, '--image', join(dir, 'bomb.png')),
      /declares 30000x30000 pixels \(900\.0 megapixels/,
    );
  });
});

describe('sizes estimated before allocating, and refused with the number', () => {
  test('--hidden 100000000 is refused at once (it ran 72 s to 7.9 GB)', () => {
    assertRefused(
      run('train', '--hidden', '100000000', '--out', never),
      /this network needs about [\d.]+ TB of memory, more than the .* allowed: 600,000,003 parameters/,
    );
  });

  test('a 2-row CSV with the label 10000000 is refused, saying where ten million classes come from', () => {
    writeFileSync(join(dir, 'labels.csv'), 'x0,label\n0.5,0\n0.25,10000000\n');
    assertRefused(
      run('train', '--dataset', 'csv:labels.csv', '--out', never),
      /the output layer has 10,000,001 units, one per class 0\.\.10000000 \(the largest label in labels\.csv is 10000000\)/,
    );
  });

  test('--max-memory sets the limit: the default run passes it, a tiny one is refused with a suggestion', () => {
    const args = ['train', '--samples', '10', '--epochs', '1', '--quiet'];
    assert.equal(run(...args, '--out', join(dir, 'fits')).code, 0);
    const refused = run(...args, '--max-memory', '100kB', '--out', never);
    assertRefused(refused, /more than the 100 kB allowed/);
    assert.match(refused.stderr, /raise the limit with --max-memory 1GB/);
    assertRefused(run(...args, '--max-memory', 'lots', '--out', never), /expected a size such as 16GB/);
  });

  test('data with more rows than one string can hold is refused before generating them', () => {
    assertRefused(
      run('data', 'spiral', '--samples', '20000000', '--classes', '3'),
      /60,000,000 rows asked for; scratchnet data writes at most 10,000,000/,
    );
  });

  test('gradcheck --hidden 100000 is refused by its work (it never finished)', () => {
    assertRefused(
      run('gradcheck', '--hidden', '100000'),
      /this gradient check needs about 1\.8e\+14 multiply-adds/,
    );
  });

  test('an IDX header of 100000x100000 pixels is refused before allocating', () => {
    const idx = join(dir, 'idx');
    mkdirSync(idx);
    const header = (magic: number, ...fields: number[]) => {
      const out = Buffer.alloc(4 + 4 * fields.length);
      for (const [i, value] of [magic, ...fields].entries()) out.writeUInt32BE(value, i * 4);
      return out;
    };
    for (const set of ['train', 't10k']) {
      writeFileSync(join(idx, `${set}-images-idx3-ubyte`), header(2051, 1, 100000, 100000));
      writeFileSync(
        join(idx, `${set}-labels-idx1-ubyte`),
        Buffer.concat([header(2049, 1), Buffer.from([0])]),
      );
    }
    assertRefused(
      run('train', '--dataset', `idx:${idx}`, '--out', never),
      /declares images of 100000x100000 pixels/,
    );
  });
});

describe('sweep', () => {
  const tiny = [
    '--l2',
    '0',
    '--dropout',
    '0',
    '--seeds',
    '0',
    '--samples',
    '10',
    '--validation-samples',
    '10',
    '--epochs',
    '2',
  ];
  const out = join(dir, 'sweep');
  const first = run('sweep', ...tiny, '--jobs', '200', '--out', out);

  test('--jobs 200 is capped at the cores, with a warning', () => {
    assert.equal(first.code, 0, first.stderr);
    const cores = availableParallelism();
    assert.match(
      first.stderr,
      new RegExp(
        `^warning: --jobs 200 is more than this machine's ${cores} cores; using ${cores} worker threads$`,
        'm',
      ),
    );
  });

  function editSpec(change: (spec: { base: Record<string, unknown> }) => void): void {
    const path = join(out, 'sweep-config.json');
    const spec = JSON.parse(readFileSync(path, 'utf8'));
    change(spec);
    writeFileSync(path, JSON.stringify(spec));
  }

  test('a result file replaced by a named pipe is refused on resuming, not waited on', () => {
    const results = join(out, 'results');
    const [name] = readdirSync(results);
    rmSync(join(results, name));
    assert.equal(spawnSync('mkfifo', [join(results, name)]).status, 0);
    assertRefused(run('sweep', '--resume', out), /cannot write .*: it is a named pipe/);
    rmSync(join(results, name));
  });

  test('an edited sweep-config.json with an unknown activation is refused, not trained with sigmoid', () => {
    editSpec((spec) => {
      spec.base.activation = 'swish';
    });
    assertRefused(
      run('sweep', '--resume', out),
      /sweep-config\.json: config key "activation": "swish" is invalid/,
    );
  });

  test('an edited sweep-config.json with hidden 1e9 is refused by its memory (it never finished)', () => {
    editSpec((spec) => {
      spec.base.activation = 'relu';
      spec.base.hidden = [1e9];
    });
    assertRefused(run('sweep', '--resume', out), /each run of this sweep needs about .* of memory/);
  });
});

describe('plain bad input', () => {
  test('a CSV value beyond float32 is refused naming its line, before any run folder exists', () => {
    writeFileSync(join(dir, 'overflow.csv'), 'x0,x1,label\n1e39,0.5,0\n0.1,0.2,1\n');
    assertRefused(
      run('train', '--dataset', 'csv:overflow.csv', '--out', never),
      /overflow\.csv line 2, column x0: 1e39 is beyond float32's range/,
    );
  });

  test('a --validation-split that leaves no training rows is refused before any run folder exists', () => {
    writeFileSync(join(dir, 'two.csv'), 'x,y\n0.1,0.2\n0.3,0.4\n');
    assertRefused(
      run('train', '--dataset', 'csv:two.csv', '--validation-split', '0.9', '--out', never),
      /leaves 0 for training and 2 for validation/,
    );
  });

  test('--epochs 0x10 is refused, not read as 16', () => {
    assertRefused(run('train', '--epochs', '0x10', '--out', never), /'0x10' is invalid\. expected a number/);
  });

  test('a CSV whose training rows all have one label is refused: a classifier needs two classes', () => {
    writeFileSync(join(dir, 'one-class.csv'), 'x0,x1,label\n0.1,0.2,1\n0.3,0.4,1\n0.5,0.6,1\n');
    assertRefused(
      run('train', '--dataset', 'csv:one-class.csv', '--out', never),
      /every training row has the label 1; a classifier needs at least 2 classes/,
    );
  });
});
