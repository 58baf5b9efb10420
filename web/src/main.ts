// The playground page: settings in the URL, training in a worker, views redrawn from its updates.
import { type PlotRange, pixelToData } from '../../src/plot/plot-range.ts';
import { COMPARISON_ZIP, comparisonZip } from './comparison-export.ts';
import { element, readForm, setClickClasses, showSliderValues, writeForm } from './form.ts';
import type { FromWorker, LatestNumbers, ToWorker } from './messages.ts';
import { drawDiagram } from './network-diagram.ts';
import {
  DEFAULT_SETTINGS,
  isRegressionSet,
  type PlaygroundSettings,
  SPEEDS,
  sameNetwork,
  settingsFromQuery,
  settingsToQuery,
} from './settings.ts';

const worker = new Worker('worker.js', { type: 'module' });
let settings: PlaygroundSettings = settingsFromQuery(location.search);
let csvText: string | null = null;
let running = false;
let range: PlotRange | null = null;
let runId = 0;
const canvas = element<HTMLCanvasElement>('boundary');
const context = canvas.getContext('2d');

function send(message: ToWorker): void {
  worker.postMessage(message);
}

/** Settings into the URL (replaceState, so Back leaves the page). */
function remember(next: PlaygroundSettings): void {
  settings = next;
  const query = settingsToQuery(settings);
  history.replaceState(null, '', query === '' ? location.pathname : `?${query}`);
}

/**
 * New settings. Those that leave the network and its data as they are (the epoch limit, when the run
 * has not passed it, and the speed) go on with the same run; any other starts a fresh run.
 */
function change(next: PlaygroundSettings): void {
  const epoch = Number(document.body.dataset.epoch ?? 0);
  if (!sameNetwork(next, settings) || (next.epochs > 0 && next.epochs < epoch)) {
    apply(next);
    return;
  }
  const before = settings;
  remember(next);
  writeForm(settings);
  if (next.speed !== before.speed) send({ type: 'speed', speed: next.speed });
  if (next.epochs !== before.epochs) send({ type: 'limit', epochs: next.epochs });
  if (next.showTest !== before.showTest || next.discretize !== before.discretize)
    send({ type: 'display', showTest: next.showTest, discretize: next.discretize });
  showRunning(running);
}

/** New settings and a fresh run. */
function apply(next: PlaygroundSettings): void {
  remember(next);
  writeForm(settings);
  running = false;
  document.body.dataset.ready = 'false';
  element('log').textContent = '';
  showError(null);
  runId++;
  send({ type: 'configure', runId, settings, csvText });
}

const twinContext = element<HTMLCanvasElement>('boundary-twin').getContext('2d');

/** Comparison mode: the twin's boundary beside the run's, and both accuracy gaps on one chart. */
function showComparison(compare: Extract<FromWorker, { type: 'update' }>['compare']): void {
  document.body.classList.toggle('compare', compare !== null);
  element('compare').setAttribute('aria-pressed', String(compare !== null));
  if (compare === null) return;
  const { width, height, data } = compare.boundary;
  twinContext?.putImageData(new ImageData(new Uint8ClampedArray(data), width, height), 0, 0);
  element('gap-chart').innerHTML = compare.gapSvg;
  element<HTMLTextAreaElement>('command-twin').value = compare.commandLine;
}

function showError(text: string | null): void {
  const box = element('error');
  box.hidden = text === null;
  box.textContent = text ?? '';
}

function fixed(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

function showNumbers(latest: LatestNumbers | null, epochsPerSecond: number): void {
  element('epoch').textContent = String(latest?.epoch ?? 0);
  element('train-acc').textContent = fixed(latest?.accuracy ?? null, 3);
  element('val-acc').textContent = fixed(latest?.valAccuracy ?? null, 3);
  element('data-loss').textContent = fixed(latest?.dataLoss ?? null, 3);
  element('reg-loss').textContent = fixed(latest?.regularizationLoss ?? null, 4);
  if (epochsPerSecond > 0) element('speed').textContent = epochsPerSecond.toFixed(0);
  // full precision for tests and for anyone comparing with the command line
  const data = document.body.dataset;
  data.epoch = String(latest?.epoch ?? 0);
  data.accuracy = String(latest?.accuracy ?? '');
  data.loss = String(latest?.loss ?? '');
  data.dataLoss = String(latest?.dataLoss ?? '');
  data.valAccuracy = String(latest?.valAccuracy ?? '');
  data.valDataLoss = String(latest?.valDataLoss ?? '');
}

function atLimit(): boolean {
  return settings.epochs > 0 && Number(document.body.dataset.epoch ?? 0) >= settings.epochs;
}

/** The buttons offer only what they can do: at the epoch limit Play and Step wait for a higher one. */
function showRunning(now: boolean): void {
  running = now;
  const done = !now && atLimit();
  const play = element<HTMLButtonElement>('play');
  play.textContent = now ? '❚❚ Pause' : '▶ Play';
  play.setAttribute('aria-pressed', String(now));
  play.disabled = done;
  element<HTMLButtonElement>('step').disabled = now || done;
  const epoch = Number(document.body.dataset.epoch ?? 0);
  element('status').textContent = now
    ? 'training…'
    : done
      ? `done: ${settings.epochs} epochs (raise “Stop after” to go on)`
      : epoch === 0
        ? 'ready'
        : 'paused';
  document.body.dataset.status = now ? 'training' : done ? 'done' : epoch === 0 ? 'ready' : 'paused';
}

function download(name: string, content: BlobPart, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([content], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const message = event.data;
  if (message.runId !== runId) return;
  if (message.type === 'ready') {
    element('data-info').textContent =
      `${message.trainRows} training rows, ${message.validationRows} validation rows`;
    setClickClasses(message.classes);
  } else if (message.type === 'update') {
    document.body.dataset.ready = 'true';
    const { width, height, data } = message.boundary;
    context?.putImageData(new ImageData(new Uint8ClampedArray(data), width, height), 0, 0);
    range = message.range;
    showComparison(message.compare);
    element('curves').innerHTML = message.curvesSvg;
    drawDiagram(element('diagram'), message.diagram, settings.discretize);
    element('histograms').innerHTML = message.histogramSvgs.join('');
    const command = element<HTMLTextAreaElement>('command');
    command.value = message.commandLine;
    command.rows = Math.max(2, Math.ceil(message.commandLine.length / 44));
    element('csv-note').hidden = !message.commandLine.includes('csv:');
    const log = element('log');
    if (message.logLines.length > 0) {
      log.textContent += `${message.logLines.join('\n')}\n`;
      log.scrollTop = log.scrollHeight;
    }
    showNumbers(message.latest, message.epochsPerSecond);
    element('kernels').textContent = message.kernels === 'wasm' ? 'WebAssembly' : 'TypeScript';
    document.body.dataset.kernels = message.kernels;
    showRunning(message.running);
    // the worker's word, not the button's: once false, no more epochs come
    document.body.dataset.running = String(message.running);
    document.body.dataset.updates = String(Number(document.body.dataset.updates ?? 0) + 1);
    // drawn: the worker may send the next (at a set speed, it trains the next epochs only then)
    requestAnimationFrame(() => send({ type: 'frame' }));
  } else if (message.type === 'exported') {
    const { twin } = message;
    if (twin !== null) {
      download(COMPARISON_ZIP, comparisonZip({ ...message, twin }), 'application/zip');
      return;
    }
    download('model.json', message.modelJson, 'application/json');
    download('weights.bin', new Uint8Array(message.weights), 'application/octet-stream');
    if (message.csv !== null) download('playground-data.csv', message.csv, 'text/csv');
  } else {
    showError(`${message.message}${message.hint ? `\nhint: ${message.hint}` : ''}`);
    showRunning(false);
  }
};

worker.onerror = (event) => {
  showError(`the training worker failed: ${event.message || 'it could not start'}`);
  showRunning(false);
};

element('controls').addEventListener('change', (event) => {
  if (event.target instanceof HTMLInputElement && event.target.type === 'file') return;
  change(readForm(settings));
});
element('controls').addEventListener('input', showSliderValues);
element('speed-choice').addEventListener('change', () => {
  const value = Number(element<HTMLSelectElement>('speed-choice').value);
  change({ ...settings, speed: SPEEDS.includes(value) ? value : settings.speed });
});
for (const id of ['show-test', 'discretize'] as const) {
  element(id).addEventListener('change', () => {
    const checked = (id: string) => element<HTMLInputElement>(id).checked;
    change({ ...settings, showTest: checked('show-test'), discretize: checked('discretize') });
  });
}
element('layers').addEventListener('click', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLButtonElement) || target.dataset.removeLayer === undefined) return;
  const index = Number(target.dataset.removeLayer);
  apply({ ...settings, layers: settings.layers.filter((_, i) => i !== index) });
});
element('add-layer').addEventListener('click', () => {
  const last = settings.layers[settings.layers.length - 1] ?? DEFAULT_SETTINGS.layers[0];
  apply({ ...settings, layers: [...settings.layers, { ...last }] });
});
element('clear-points').addEventListener('click', () => apply({ ...settings, points: [] }));
element('reset').addEventListener('click', () => apply(settings));
element('step').addEventListener('click', () => send({ type: 'step' }));
element('play').addEventListener('click', () => {
  send({ type: running ? 'pause' : 'play' });
  // the worker answers either way; at the limit it answers "not running" and Play stays
  showRunning(!running && !atLimit());
});
element('compare').addEventListener('click', () => apply({ ...settings, compare: !settings.compare }));
element('export-model').addEventListener('click', () => send({ type: 'export' }));
element('copy-link').addEventListener('click', async () => {
  await navigator.clipboard?.writeText(location.href).catch(() => undefined);
  element('status').textContent = 'link copied';
});

canvas.addEventListener('click', (event) => {
  // a regression's points carry targets, not classes: nothing to add by clicking
  if (range === null || isRegressionSet(settings.dataset)) return;
  const box = canvas.getBoundingClientRect();
  const size = { width: box.width, height: box.height };
  const [x, y] = pixelToData(range, size, event.clientX - box.left, event.clientY - box.top);
  const label = Number(element<HTMLSelectElement>('click-class').value);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  apply({ ...settings, points: [...settings.points, { x: round(x), y: round(y), label }] });
});

async function readCsv(file: File): Promise<void> {
  csvText = await file.text();
  element('csv-name').textContent = `${file.name} (not kept in the link: share the file with it)`;
  apply({ ...settings, dataset: 'csv', validation: settings.validation > 0 ? settings.validation : 0.2 });
}
const dropZone = element('drop-zone');
for (const target of [document.body, dropZone]) {
  target.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('over');
  });
}
document.body.addEventListener('dragleave', () => dropZone.classList.remove('over'));
document.body.addEventListener('drop', (event) => {
  event.preventDefault();
  dropZone.classList.remove('over');
  const file = event.dataTransfer?.files[0];
  if (file) void readCsv(file);
});
element<HTMLInputElement>('csv-file').addEventListener('change', (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) void readCsv(file);
});
element('choose-csv').addEventListener('click', () => element<HTMLInputElement>('csv-file').click());

apply(settings);
