// W3, matrix products alone: GFLOP/s per shape of scratchnet's kernels (and its TypeScript fallbacks)
// against TF.js. Several runs, alternated between the systems, and each shape's median over them: a
// single short measurement catches the machine's swings (its speed moved 2x within seconds on a shared
// host).
import { type BenchContext, F32 } from '../bench-context.ts';
import { child, type Result, ts } from '../child.ts';
import { f, noTargets, pad, type RowTargets, ratio } from '../report-format.ts';
import { median } from '../workloads/common.ts';
import { W3_CASES } from '../workloads/w3-cases.ts';

export type W3Results = Record<string, Result>;

export function runW3(ctx: BenchContext): W3Results {
  const c = ctx.config.w3;
  const minMs = ['--min-ms', c.minMs, '--warm-reps', c.warmReps];
  const runs: Record<string, Result[]> = {};
  const w3Run = (key: string, command: string[]) => {
    runs[key] = [...(runs[key] ?? []), child(command, key)];
  };
  for (let run = 0; run < c.runs; run++) {
    process.stderr.write(`W3 run ${run + 1}/${c.runs}\n`);
    w3Run('scratchnet', ts('scratchnet-w3.ts', [...minMs, ...ctx.kernelArgs, ...ctx.precisionArgs]));
    w3Run(F32, ts('scratchnet-w3.ts', [...minMs, ...ctx.kernelArgs, '--precision', 'float32']));
    w3Run('tfjs-wasm', ts('tfjs-w3.ts', [...minMs, '--backend', 'wasm']));
    if (run > 0) continue;
    // The TypeScript fallback and the reference loops (one rep per shape is enough: they are slow).
    for (const [key, backend] of [
      ['scratchnet-ts', 'typescript'],
      ['scratchnet-ref', 'reference'],
    ]) {
      w3Run(key, ts('scratchnet-w3.ts', ['--min-ms', 1, '--warm-reps', 1, '--kernels', backend]));
    }
    w3Run('tfjs-cpu', ts('tfjs-w3.ts', [...minMs, '--backend', 'cpu']));
  }
  // one result per system: each shape's median GFLOP/s over its runs (every run kept in `runs`)
  return Object.fromEntries(
    Object.entries(runs).map(([key, results]) => {
      const of = (r: Result) => r.gflops as Record<string, number>;
      const gflops = Object.fromEntries(
        W3_CASES.map((w) => [w.name, median(results.map((r) => of(r)[w.name]))]),
      );
      const maxRssMB = Math.max(...results.map((r) => r.maxRssMB));
      return [key, { ...results[0], gflops, maxRssMB, runs: results.map(of) }];
    }),
  );
}

export function reportW3(ctx: BenchContext, w3: W3Results, out: (line?: string) => void): RowTargets {
  const g = (s: string, name: string) => (w3[s].gflops as Record<string, number>)[name];
  out(
    `W3 matrix products, GFLOP/s, median of ${ctx.config.w3.runs} alternated runs ` +
      `(float32 in; scratchnet accumulates in double, as nnfs np.dot; ` +
      `scratchnet = ${String(w3.scratchnet.kernels)} kernels (${ctx.options.precision}); ` +
      `sn float32 = opt-in float32 accumulation, not numpy-exact; ` +
      'ts = the register-blocked TypeScript fallback, ts ref = the plain reference loops)',
  );
  const widths = [30, 11, 11, 6, 7, 10, 10, 22, 22];
  const head = ['shape', 'scratchnet', 'sn float32', 'ts', 'ts ref', 'tfjs-wasm', 'tfjs-cpu'];
  out(pad([...head, 'tfjs-wasm / scratchnet', 'tfjs-cpu / scratchnet'], widths));
  for (const w of W3_CASES) {
    const sn = g('scratchnet', w.name);
    const systems = [F32, 'scratchnet-ts', 'scratchnet-ref', 'tfjs-wasm', 'tfjs-cpu'];
    const cells = [w.name, f(sn, 2), ...systems.map((s) => f(g(s, w.name), 2))];
    out(pad([...cells, ratio(sn / g('tfjs-wasm', w.name)), ratio(sn / g('tfjs-cpu', w.name))], widths));
  }
  out();
  const targets = noTargets();
  const big = 'W2 X·W1 128x784·784x128';
  targets.targets.push({
    name: 'W3 scratchnet 128x784·784x128 ≥ 10 GFLOP/s',
    value: g('scratchnet', big),
    goal: 10,
  });
  for (const w of W3_CASES.filter((w) => w.op !== 'nn')) {
    targets.targets.push({
      name: `W3 scratchnet ${w.name} ≥ 5 GFLOP/s`,
      value: g('scratchnet', w.name),
      goal: 5,
    });
  }
  targets.optIn.push({ name: `W3 ${F32} 128x784·784x128 ≥ 10 GFLOP/s`, value: g(F32, big), goal: 10 });
  return targets;
}
