// The settings panel: settings → form fields and back.
import { FEATURE_NAMES } from '../../src/data/features.ts';
import {
  ACTIVATIONS,
  BOOK_NOISE,
  DATASETS,
  type DatasetChoice,
  type LayerSettings,
  noiseOf,
  OPTIMIZERS,
  type PlaygroundSettings,
} from './settings.ts';

const LAYER_FIELDS: readonly { key: keyof LayerSettings; label: string }[] = [
  { key: 'units', label: 'units' },
  { key: 'l1w', label: 'L1 on weights' },
  { key: 'l2w', label: 'L2 on weights' },
  { key: 'l1b', label: 'L1 on biases' },
  { key: 'l2b', label: 'L2 on biases' },
  { key: 'dropout', label: 'dropout rate' },
];

/** 5e-4 rather than 0.0005; whole numbers and tenths as they are. */
function compact(value: number): string {
  return value !== 0 && Math.abs(value) < 0.01 ? value.toExponential() : String(value);
}

export function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
}

const input = (id: string) => element<HTMLInputElement>(id);
const select = (id: string) => element<HTMLSelectElement>(id);

export function writeForm(s: PlaygroundSettings): void {
  select('dataset').value = s.dataset;
  input('samples').value = String(s.samples);
  input('classes').value = String(s.classes);
  writeSlider('noise', noiseOf(s));
  element('noise-label').title = NOISE_MEANING[s.dataset];
  writeSlider('train-ratio', Math.round(100 * (1 - s.validation)));
  input('seed').value = String(s.seed);
  select('activation').value = s.activation;
  element('features')
    .querySelectorAll<HTMLInputElement>('input[data-feature]')
    .forEach((box) => {
      box.checked = s.features.some((f) => f === box.dataset.feature);
    });
  select('optimizer').value = s.optimizer;
  input('lr').value = String(s.lr);
  input('decay').value = String(s.decay);
  input('momentum').value = String(s.momentum);
  input('batch-size').value = String(s.batchSize);
  input('shuffle').checked = s.shuffle;
  input('epochs').value = String(s.epochs);
  select('speed-choice').value = String(s.speed);
  input('show-test').checked = s.showTest;
  input('discretize').checked = s.discretize;
  input('noise').disabled = s.dataset === 'csv';
  showSliderValues();
  input('momentum').disabled = s.optimizer !== 'sgd';
  element('point-count').textContent = String(s.points.length);
  writeLayers(s.layers);
  setClickClasses(s.classes);
}

/** What the noise slider means for each data set (the library's noise option of the set). */
const NOISE_MEANING: Readonly<Record<DatasetChoice, string>> = {
  spiral: "the scale of the gaussian jitter of each point's angle (the book's: 0.2)",
  vertical: "the standard deviation of each coordinate's jitter (the book's: 0.1)",
  circle: "the standard deviation of each coordinate's jitter",
  xor: "the standard deviation of each coordinate's jitter",
  gaussian: 'added to the standard deviation 0.1 of each cloud',
  sine: "the standard deviation of the noise added to each target (the book's: 0)",
  plane:
    "each target is read up to ±noise away from its point, as TensorFlow Playground's noise (its 0–50% is 0–0.5 here)",
  'multi-gaussian':
    "each target is read up to ±noise away from its point, as TensorFlow Playground's noise (its 0–50% is 0–0.5 here)",
  csv: 'a CSV brings its own noise',
};

/**
 * Sets a slider and remembers the value it shows (the browser snaps it to the step): readForm takes a
 * slider's value only once the user moved it, so a link's 0.333 is not read back as 0.33.
 */
function writeSlider(id: string, value: number): void {
  const slider = input(id);
  // a link may ask for more noise than the slider's usual range
  if (id === 'noise') slider.max = String(Math.max(1, value));
  slider.value = String(value);
  slider.dataset.shown = slider.value;
}

function sliderMoved(id: string): boolean {
  return input(id).value !== input(id).dataset.shown;
}

/** The sliders' values beside them, also while one is dragged. */
export function showSliderValues(): void {
  element('noise-value').textContent = input('noise').disabled
    ? '–'
    : Number(input('noise').value).toFixed(2);
  // the training share, as TensorFlow Playground's ratio (the rows are counted under the picture)
  element('train-ratio-value').textContent = `${input('train-ratio').value}%`;
}

/** The noise settings after the form: a moved slider sets the data set's noise; a new data set its own. */
function readNoise(previous: PlaygroundSettings, dataset: DatasetChoice) {
  if (dataset !== previous.dataset) return { noise: previous.noise, bookNoise: null };
  if (!sliderMoved('noise')) return { noise: previous.noise, bookNoise: previous.bookNoise };
  const value = Number(input('noise').value);
  return BOOK_NOISE[dataset] === undefined
    ? { noise: value, bookNoise: previous.bookNoise }
    : { noise: previous.noise, bookNoise: value };
}

/** The classes a click can add: those of the data (a CSV brings its own count). */
export function setClickClasses(classes: number): void {
  const clickClass = select('click-class');
  const chosen = clickClass.value;
  clickClass.replaceChildren(
    ...Array.from({ length: classes }, (_, c) => new Option(`class ${c}`, String(c))),
  );
  clickClass.value = chosen !== '' && Number(chosen) < classes ? chosen : '0';
}

function writeLayers(layers: readonly LayerSettings[]): void {
  const rows = layers.map((layer, i) => {
    const row = document.createElement('tr');
    const head = document.createElement('th');
    head.scope = 'row';
    head.textContent = String(i + 1);
    row.append(head);
    for (const field of LAYER_FIELDS) {
      const cell = document.createElement('td');
      const box = document.createElement('input');
      // text, not number: 5e-4 reads better than a clipped 0.0005 in a narrow cell
      box.type = 'text';
      box.inputMode = field.key === 'units' ? 'numeric' : 'decimal';
      box.value = compact(layer[field.key]);
      box.dataset.layer = String(i);
      box.dataset.key = field.key;
      box.setAttribute('aria-label', `hidden layer ${i + 1} ${field.label}`);
      cell.append(box);
      row.append(cell);
    }
    const cell = document.createElement('td');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = '×';
    remove.dataset.removeLayer = String(i);
    remove.disabled = layers.length === 1;
    remove.setAttribute('aria-label', `remove hidden layer ${i + 1}`);
    cell.append(remove);
    row.append(cell);
    return row;
  });
  element('layers')
    .querySelector('tbody')
    ?.replaceChildren(...rows);
}

/** The settings the form shows; a field left empty or invalid keeps `previous`'s value. */
export function readForm(previous: PlaygroundSettings): PlaygroundSettings {
  const num = (id: string, fallback: number, min: number, integer = false) => {
    const value = Number(input(id).value);
    if (input(id).value.trim() === '' || !Number.isFinite(value) || value < min) return fallback;
    return integer ? Math.round(value) : value;
  };
  const layers = previous.layers.map((layer, i) => {
    const next = { ...layer };
    for (const field of LAYER_FIELDS) {
      const box = element('layers').querySelector<HTMLInputElement>(
        `input[data-layer="${i}"][data-key="${field.key}"]`,
      );
      const value = Number(box?.value);
      if (box === null || box.value.trim() === '' || !Number.isFinite(value) || value < 0) continue;
      if (field.key === 'units' && (value < 1 || !Number.isInteger(value))) continue;
      if (field.key === 'dropout' && value >= 1) continue;
      next[field.key] = value;
    }
    return next;
  });
  const dataset = DATASETS.find((d) => d === select('dataset').value) ?? previous.dataset;
  return {
    ...previous,
    dataset,
    samples: num('samples', previous.samples, 1, true),
    classes: Math.min(8, num('classes', previous.classes, 2, true)),
    ...readNoise(previous, dataset),
    // the slider is the training share in percent; 100: no rows held out (a fresh validation set)
    validation: sliderMoved('train-ratio')
      ? (100 - Number(input('train-ratio').value)) / 100
      : previous.validation,
    seed: num('seed', previous.seed, 0, true),
    layers,
    features: readFeatures(previous.features),
    activation: ACTIVATIONS.find((a) => a === select('activation').value) ?? previous.activation,
    optimizer: OPTIMIZERS.find((o) => o === select('optimizer').value) ?? previous.optimizer,
    lr: num('lr', previous.lr, Number.MIN_VALUE),
    decay: num('decay', previous.decay, 0),
    momentum: num('momentum', previous.momentum, 0),
    batchSize: num('batch-size', previous.batchSize, 0, true),
    shuffle: input('shuffle').checked,
    epochs: num('epochs', previous.epochs, 0, true),
  };
}

/** The ticked features, in the menu's order; none ticked keeps the previous ones. */
function readFeatures(previous: PlaygroundSettings['features']): PlaygroundSettings['features'] {
  const ticked = new Set(
    Array.from(
      element('features').querySelectorAll<HTMLInputElement>('input[data-feature]:checked'),
      (box) => box.dataset.feature,
    ),
  );
  const features = FEATURE_NAMES.filter((f) => ticked.has(f));
  return features.length > 0 ? features : previous;
}
