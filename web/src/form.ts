// The settings panel: settings → form fields and back.
import { FEATURE_NAMES } from '../../src/data/features.ts';
import {
  ACTIVATIONS,
  DATASETS,
  type LayerSettings,
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
  input('noise').value = String(s.noise);
  select('validation').value = String(s.validation);
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
  input('noise').disabled = ['spiral', 'vertical', 'sine', 'csv'].includes(s.dataset);
  input('momentum').disabled = s.optimizer !== 'sgd';
  element('point-count').textContent = String(s.points.length);
  writeLayers(s.layers);
  setClickClasses(s.classes);
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
  return {
    ...previous,
    dataset: DATASETS.find((d) => d === select('dataset').value) ?? previous.dataset,
    samples: num('samples', previous.samples, 1, true),
    classes: Math.min(8, num('classes', previous.classes, 2, true)),
    noise: num('noise', previous.noise, 0),
    validation: Number(select('validation').value),
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
