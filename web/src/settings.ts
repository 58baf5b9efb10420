// The playground's whole state as plain data, and its round trip through the page's URL.
import { FEATURE_NAMES, type FeatureName, requireFeatures } from '../../src/data/features.ts';
import { SPIRAL_NOISE } from '../../src/data/spiral.ts';
import { VERTICAL_NOISE } from '../../src/data/vertical.ts';

export type DatasetChoice =
  | 'spiral'
  | 'vertical'
  | 'circle'
  | 'xor'
  | 'gaussian'
  | 'sine'
  | 'plane'
  | 'multi-gaussian'
  | 'csv';
export type OptimizerChoice = 'sgd' | 'adagrad' | 'rmsprop' | 'adam';
export type ActivationChoice = 'relu' | 'sigmoid' | 'tanh' | 'leaky_relu';

export interface LayerSettings {
  units: number;
  l1w: number;
  l2w: number;
  l1b: number;
  l2b: number;
  dropout: number;
}

export interface ClickedPoint {
  x: number;
  y: number;
  label: number;
}

export interface PlaygroundSettings {
  dataset: DatasetChoice;
  samples: number;
  classes: number;
  /** Noise of the TensorFlow Playground-style sets: circle, xor, gaussian, plane, multi-gaussian. */
  noise: number;
  /** Noise of the book's sets (spiral's angle, vertical's points, sine's targets); null: the book's. */
  bookNoise: number | null;
  /** 0: a fresh validation set of 100 per class (as the CLI); else the share of rows held out. */
  validation: number;
  seed: number;
  layers: LayerSettings[];
  /** The network's inputs, made from each point's x1 and x2. */
  features: FeatureName[];
  activation: ActivationChoice;
  optimizer: OptimizerChoice;
  lr: number;
  decay: number;
  momentum: number;
  /** 0: the whole set per step, as the book. */
  batchSize: number;
  shuffle: boolean;
  /** Where Play stops; 0: never, training runs until paused. */
  epochs: number;
  /** Epochs trained per drawn frame while playing; 0: as fast as possible. Changing it never restarts. */
  speed: number;
  /** Train a twin without regularization beside this run, and show both. */
  compare: boolean;
  points: ClickedPoint[];
  /** Display only (never restarts): draw the validation points on the picture. */
  showTest: boolean;
  /** Display only (never restarts): hard class colours (the sign, for values) instead of shading. */
  discretize: boolean;
}

export const DATASETS: readonly DatasetChoice[] = [
  'spiral',
  'vertical',
  'circle',
  'xor',
  'gaussian',
  'sine',
  'plane',
  'multi-gaussian',
  'csv',
];
/** The data sets whose noise is the book's own unless set (`bookNoise`); the others but csv use `noise`. */
export const BOOK_NOISE: Readonly<Partial<Record<DatasetChoice, number>>> = {
  spiral: SPIRAL_NOISE,
  vertical: VERTICAL_NOISE,
  sine: 0,
};
/** The regression data sets: one output, mean squared error, targets instead of classes. */
export const REGRESSION_SETS: readonly DatasetChoice[] = ['sine', 'plane', 'multi-gaussian'];
export const OPTIMIZERS: readonly OptimizerChoice[] = ['sgd', 'adagrad', 'rmsprop', 'adam'];
export const ACTIVATIONS: readonly ActivationChoice[] = ['relu', 'sigmoid', 'tanh', 'leaky_relu'];
export const DEFAULT_NOISE = 0.1;
/** The speeds offered, in epochs per frame (0: as fast as possible). */
export const SPEEDS: readonly number[] = [1, 2, 5, 10, 25, 100, 0];

/** The book's chapter-15 network on its chapter-14 data size (100 per class), where overfitting shows. */
export const DEFAULT_SETTINGS: PlaygroundSettings = {
  dataset: 'spiral',
  samples: 100,
  classes: 3,
  noise: DEFAULT_NOISE,
  bookNoise: null,
  validation: 0,
  seed: 0,
  layers: [{ units: 64, l1w: 0, l2w: 5e-4, l1b: 0, l2b: 5e-4, dropout: 0.1 }],
  features: ['x1', 'x2'],
  activation: 'relu',
  optimizer: 'adam',
  lr: 0.05,
  decay: 5e-5,
  momentum: 0,
  batchSize: 0,
  shuffle: false,
  epochs: 0,
  speed: 10,
  compare: false,
  points: [],
  showTest: true,
  discretize: false,
};

/** The noise the data set is drawn with: its own setting, in its own units (0 for a CSV). */
export function noiseOf(s: Pick<PlaygroundSettings, 'dataset' | 'noise' | 'bookNoise'>): number {
  if (s.dataset === 'csv') return 0;
  const book = BOOK_NOISE[s.dataset];
  return book === undefined ? s.noise : (s.bookNoise ?? book);
}

export function isRegressionSet(dataset: DatasetChoice): boolean {
  return REGRESSION_SETS.includes(dataset);
}

const LAYER_KEYS = ['units', 'l1w', 'l2w', 'l1b', 'l2b', 'dropout'] as const;

/** Only what differs from the defaults, so that a shared link stays short. */
export function settingsToQuery(s: PlaygroundSettings): string {
  const q = new URLSearchParams();
  const d = DEFAULT_SETTINGS;
  const put = (key: string, value: string, fallback: string) => value !== fallback && q.set(key, value);
  put('data', s.dataset, d.dataset);
  put('n', String(s.samples), String(d.samples));
  put('k', String(s.classes), String(d.classes));
  put('noise', String(s.noise), String(d.noise));
  // a key of its own: old links may carry `noise` with spiral, where it meant nothing
  put('bnoise', String(s.bookNoise), String(d.bookNoise));
  put('val', String(s.validation), String(d.validation));
  put('seed', String(s.seed), String(d.seed));
  put('layers', s.layers.map(encodeLayer).join('_'), d.layers.map(encodeLayer).join('_'));
  put('features', s.features.join(','), d.features.join(','));
  put('act', s.activation, d.activation);
  put('opt', s.optimizer, d.optimizer);
  put('lr', String(s.lr), String(d.lr));
  put('decay', String(s.decay), String(d.decay));
  put('mom', String(s.momentum), String(d.momentum));
  put('batch', String(s.batchSize), String(d.batchSize));
  put('shuffle', s.shuffle ? '1' : '0', d.shuffle ? '1' : '0');
  put('epochs', String(s.epochs), String(d.epochs));
  put('compare', s.compare ? '1' : '0', d.compare ? '1' : '0');
  put('speed', s.speed === 0 ? 'max' : String(s.speed), String(d.speed));
  put('points', s.points.map((p) => `${p.x},${p.y},${p.label}`).join(';'), '');
  put('test', s.showTest ? '1' : '0', d.showTest ? '1' : '0');
  put('discrete', s.discretize ? '1' : '0', d.discretize ? '1' : '0');
  return q.toString();
}

/** Settings from a query string; anything missing or unreadable keeps its default. */
export function settingsFromQuery(query: string): PlaygroundSettings {
  const q = new URLSearchParams(query);
  const d = DEFAULT_SETTINGS;
  const num = (key: string, fallback: number, min: number, max: number, integer = false) => {
    const raw = q.get(key);
    const value = raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) return fallback;
    return integer ? Math.round(value) : value;
  };
  const pick = <T extends string>(key: string, choices: readonly T[], fallback: T): T => {
    const raw = q.get(key);
    return choices.find((c) => c === raw) ?? fallback;
  };
  const bookNoise = num('bnoise', -1, 0, 2);
  return {
    dataset: pick('data', DATASETS, d.dataset),
    samples: num('n', d.samples, 1, 5000, true),
    classes: num('k', d.classes, 2, 8, true),
    noise: num('noise', d.noise, 0, 2),
    bookNoise: bookNoise < 0 ? null : bookNoise,
    validation: num('val', d.validation, 0, 0.9),
    seed: num('seed', d.seed, 0, 2 ** 32 - 1, true),
    layers: decodeLayers(q.get('layers')) ?? d.layers.map((l) => ({ ...l })),
    features: decodeFeatures(q.get('features')) ?? [...d.features],
    activation: pick('act', ACTIVATIONS, d.activation),
    optimizer: pick('opt', OPTIMIZERS, d.optimizer),
    lr: num('lr', d.lr, 1e-9, 100),
    decay: num('decay', d.decay, 0, 100),
    momentum: num('mom', d.momentum, 0, 1),
    batchSize: num('batch', d.batchSize, 0, 1e6, true),
    shuffle: q.get('shuffle') === '1',
    compare: q.get('compare') === '1',
    epochs: num('epochs', d.epochs, 0, 1e6, true),
    speed: q.get('speed') === 'max' ? 0 : (SPEEDS.find((v) => String(v) === q.get('speed')) ?? d.speed),
    points: decodePoints(q.get('points')),
    showTest: q.get('test') !== '0',
    discretize: q.get('discrete') === '1',
  };
}

function encodeLayer(layer: LayerSettings): string {
  return LAYER_KEYS.map((key) => String(layer[key])).join(',');
}

function decodeLayers(raw: string | null): LayerSettings[] | null {
  if (raw === null || raw === '') return null;
  const layers: LayerSettings[] = [];
  for (const part of raw.split('_')) {
    const v = part.split(',').map(Number);
    if (v.length !== LAYER_KEYS.length || v.some((x) => !Number.isFinite(x) || x < 0)) return null;
    if (!Number.isInteger(v[0]) || v[0] < 1 || v[0] > 1024 || v[5] >= 1) return null;
    layers.push({ units: v[0], l1w: v[1], l2w: v[2], l1b: v[3], l2b: v[4], dropout: v[5] });
  }
  return layers.length > 0 && layers.length <= 6 ? layers : null;
}

function decodePoints(raw: string | null): ClickedPoint[] {
  if (raw === null || raw === '') return [];
  const points: ClickedPoint[] = [];
  for (const part of raw.split(';')) {
    const [x, y, label] = part.split(',').map(Number);
    if (Number.isFinite(x) && Number.isFinite(y) && Number.isInteger(label) && label >= 0 && label < 8)
      points.push({ x, y, label });
  }
  return points;
}

/**
 * Whether two settings train the same network on the same data: they differ at most in the limit,
 * the speed and what is displayed.
 */
export function sameNetwork(a: PlaygroundSettings, b: PlaygroundSettings): boolean {
  const { epochs: _ea, speed: _sa, showTest: _ta, discretize: _da, ...restA } = a;
  const { epochs: _eb, speed: _sb, showTest: _tb, discretize: _db, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

function decodeFeatures(raw: string | null): FeatureName[] | null {
  if (raw === null || raw === '') return null;
  try {
    // in the order of the menu, whatever order the link lists them in
    const chosen = new Set(requireFeatures(raw.split(',')));
    return FEATURE_NAMES.filter((f) => chosen.has(f));
  } catch {
    return null;
  }
}
