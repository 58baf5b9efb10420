import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { rejectUnknownOptions, requirePositive } from '../errors/validate.ts';
import { ReLU } from '../layers/activations.ts';
import type { Layer } from '../layers/layer.ts';
import { regularizationLoss } from '../layers/regularization-loss.ts';
import type { CategoricalTargets } from '../losses/categorical-crossentropy.ts';
import type { Loss } from '../losses/loss.ts';
import { SoftmaxCategoricalCrossentropy } from '../losses/softmax-crossentropy.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { requireFinite, requireMatrix } from '../tensor/shape-checks.ts';

/** A layer whose randomness can be held fixed between passes (Dropout's mask). */
interface Freezable {
  freezeRandomness(frozen: boolean): void;
}

function isFreezable(layer: Layer): layer is Layer & Freezable {
  return typeof (layer as Partial<Freezable>).freezeRandomness === 'function';
}

export interface GradientCheckOptions<Targets> {
  /** The network, first layer first (its last layer's output goes to the loss). */
  layers: readonly Layer[];
  /** A loss, or the fused softmax + cross-entropy (then the last layer is the one before the softmax). */
  loss: Loss<Targets> | (Targets extends CategoricalTargets ? SoftmaxCategoricalCrossentropy : never);
  inputs: Matrix;
  targets: Targets;
  /** Step of the central difference. @default 1e-5 */
  epsilon?: number;
  /** An element agrees when |analytic − numerical| <= absoluteTolerance + relativeTolerance·max(|analytic|, |numerical|). @default 1e-6 */
  relativeTolerance?: number;
  /**
   * The absolute floor of that test. Central differences in float64 carry errors of their own near
   * 1e-11·|loss| from rounding (2⁻⁵³·|L| / ε) plus ε²·|L'''| / 6 from truncation, about 1e-10 for the
   * book's networks, so a tiny gradient cannot be held to a relative error alone.
   * @default 1e-8
   */
  absoluteTolerance?: number;
}

/** How far one array's analytic gradient is from its numerical estimate. */
export interface GradientComparison {
  name: string;
  size: number;
  /** Elements left out because their central difference straddled a kink (ReLU at 0, |w| at 0). */
  skipped: number;
  /** ‖analytic − numerical‖ / (‖analytic‖ + ‖numerical‖): scale-free, robust to tiny elements. */
  relativeError: number;
  /** The largest |analytic − numerical| of a single element. */
  maxAbsoluteError: number;
  /** Elements outside absoluteTolerance + relativeTolerance·max(|analytic|, |numerical|). */
  disagreeing: number;
}

export interface GradientCheckResult {
  /** One entry per parameter, then one for the inputs (`inputs`). */
  comparisons: GradientComparison[];
  /** The worst relative error of all comparisons. */
  maxRelativeError: number;
  /** True when no element of any comparison disagrees. */
  agrees: boolean;
  dtype: Matrix['dtype'];
}

const OPTION_NAMES = [
  'layers',
  'loss',
  'inputs',
  'targets',
  'epsilon',
  'relativeTolerance',
  'absoluteTolerance',
];

/**
 * Compares every backward gradient of a network with central differences of its loss,
 * (L(θ + ε) − L(θ − ε)) / 2ε, element by element. Build the network with `dtype: 'float64'` for a
 * meaningful check (float32 rounding alone gives errors near 1e-3), and check away from kinks:
 * elements whose ±ε passes move a ReLU input or an L1-penalized parameter across 0 straddle a kink,
 * where the central difference means nothing: they are left out and counted in `skipped`.
 * Dropout masks are drawn once and frozen for all passes.
 */
export function gradientCheck<Targets>(options: GradientCheckOptions<Targets>): GradientCheckResult {
  rejectUnknownOptions('gradientCheck', options, OPTION_NAMES);
  const { layers, inputs, targets } = options;
  const epsilon = requirePositive('gradientCheck epsilon', options.epsilon ?? 1e-5);
  const tolerance = resolveTolerance(options);
  requireFinite('gradientCheck inputs', requireMatrix('gradientCheck inputs', inputs));
  requireLayers(layers);
  const loss = options.loss as Loss<Targets> | SoftmaxCategoricalCrossentropy;

  const watch = new KinkWatch();
  const objective = (): number => {
    let x = inputs;
    let relu = 0;
    for (const layer of layers) {
      if (layer instanceof ReLU) watch.observe(relu++, x);
      x = layer.forward(x, true);
    }
    const data =
      loss instanceof SoftmaxCategoricalCrossentropy
        ? loss.forward(x, targets as CategoricalTargets)
        : loss.calculate(x, targets);
    // Dense.backward adds the penalty gradients, so the objective is data loss + regularization loss
    return data + regularizationLoss(layers).total;
  };

  const freezable = layers.filter(isFreezable);
  objective();
  for (const layer of freezable) layer.freezeRandomness(true);
  try {
    watch.recording = true;
    objective();
    watch.recording = false;
    let d: Matrix;
    if (loss instanceof SoftmaxCategoricalCrossentropy) {
      d = loss.backward(loss.output, targets as CategoricalTargets);
    } else {
      const last = layers[layers.length - 1].output;
      d = loss.backward(last, targets);
    }
    for (let i = layers.length - 1; i >= 0; i--) d = layers[i].backward(d);

    const probe: Probe = { objective, epsilon, watch, tolerance };
    const comparisons = layers.flatMap((layer) =>
      layer
        .parameters()
        .map((p) =>
          compare(p.name, Float64Array.from(p.grad.data), p.value.data, probe, (p.regularizer?.l1 ?? 0) > 0),
        ),
    );
    comparisons.push(compare('inputs', Float64Array.from(d.data), inputs.data, probe, false));
    const maxRelativeError = Math.max(...comparisons.map((c) => c.relativeError));
    const agrees = comparisons.every((c) => c.disagreeing === 0);
    return { comparisons, maxRelativeError, agrees, dtype: inputs.dtype };
  } finally {
    for (const layer of freezable) layer.freezeRandomness(false);
  }
}

/** Throws INVALID_OPTION unless `layers` is a non-empty array of layers: with none there is nothing to check. */
function requireLayers(layers: unknown): void {
  const isLayer = (layer: unknown) =>
    typeof layer === 'object' &&
    layer !== null &&
    ['forward', 'backward', 'parameters'].every(
      (method) => typeof (layer as Record<string, unknown>)[method] === 'function',
    );
  if (!Array.isArray(layers) || layers.length === 0 || !layers.every(isLayer)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `gradientCheck needs layers: a non-empty array of layers, got ${describeValue(layers)}`,
      'pass the network, first layer first: { layers: [dense1, relu1, dense2], loss, inputs, targets }',
    );
  }
}

/**
 * Notices when a perturbed pass moves a ReLU input across 0: the central difference then straddles
 * the kink and says nothing about the derivative on either side, so that element is left out.
 */
class KinkWatch {
  recording = false;
  crossed = false;
  private readonly signs: Uint8Array[] = [];

  observe(index: number, x: Matrix): void {
    const data = x.data;
    if (this.recording) {
      const signs = new Uint8Array(data.length);
      for (let i = 0; i < data.length; i++) signs[i] = data[i] > 0 ? 1 : 0;
      this.signs[index] = signs;
      return;
    }
    const signs = this.signs[index];
    if (signs === undefined) return; // the pass that draws the dropout masks, before any baseline
    for (let i = 0; i < data.length; i++) {
      if ((data[i] > 0 ? 1 : 0) !== signs[i]) {
        this.crossed = true;
        return;
      }
    }
  }
}

interface Tolerance {
  relative: number;
  absolute: number;
}

function resolveTolerance(options: GradientCheckOptions<unknown>): Tolerance {
  return {
    relative: requirePositive('gradientCheck relativeTolerance', options.relativeTolerance ?? 1e-6),
    absolute: requirePositive('gradientCheck absoluteTolerance', options.absoluteTolerance ?? 1e-8),
  };
}

interface Probe {
  objective: () => number;
  epsilon: number;
  watch: KinkWatch;
  tolerance: Tolerance;
}

function compare(
  name: string,
  analytic: Float64Array,
  values: Float32Array | Float64Array,
  probe: Probe,
  hasL1: boolean,
): GradientComparison {
  const { objective, epsilon, watch, tolerance } = probe;
  let disagreeing = 0;
  let diffSquares = 0;
  let analyticSquares = 0;
  let numericalSquares = 0;
  let maxAbsoluteError = 0;
  let skipped = 0;
  for (let i = 0; i < values.length; i++) {
    const saved = values[i];
    watch.crossed = hasL1 && Math.abs(saved) <= epsilon; // |w| has its kink at 0
    values[i] = saved + epsilon;
    const plus = objective();
    values[i] = saved - epsilon;
    const minus = objective();
    values[i] = saved;
    if (watch.crossed) {
      skipped++;
      continue;
    }
    const numerical = (plus - minus) / (2 * epsilon);
    const diff = analytic[i] - numerical;
    diffSquares += diff * diff;
    analyticSquares += analytic[i] * analytic[i];
    numericalSquares += numerical * numerical;
    maxAbsoluteError = Math.max(maxAbsoluteError, Math.abs(diff));
    const allowed =
      tolerance.absolute + tolerance.relative * Math.max(Math.abs(analytic[i]), Math.abs(numerical));
    if (!(Math.abs(diff) <= allowed)) disagreeing++;
  }
  objective(); // leave the layers' buffers as the unperturbed pass made them
  const scale = Math.sqrt(analyticSquares) + Math.sqrt(numericalSquares);
  const relativeError = scale === 0 ? 0 : Math.sqrt(diffSquares) / scale;
  return { name, size: values.length, skipped, relativeError, maxAbsoluteError, disagreeing };
}
