// Trains the playground's network in a Web Worker with the library itself, epoch by epoch, so the page
// stays responsive; Model.train called once per epoch continues the same run (optimizer state, epoch
// count and generator persist), giving what one long train call gives.
import {
  buildNetwork,
  Dense,
  type EpochLogs,
  formatEpochLine,
  formatValidationLine,
  kernelBackend,
  type Model,
  ScratchnetError,
  toLayersModelArtifacts,
} from '../../src/index.ts';
import { renderTrainingCurvesSvg } from '../../src/plot/curves-svg.ts';
import { dataRange, renderDecisionBoundary } from '../../src/plot/decision-boundary.ts';
import { renderWeightHistogramSvg } from '../../src/plot/weight-histogram-svg.ts';
import { commandLine, networkSpec, toRunFlags } from './command-line.ts';
import type { FromWorker, LatestNumbers, ToWorker } from './messages.ts';
import { dataAsCsv, makePlaygroundData, type PlaygroundData } from './playground-data.ts';
import type { PlaygroundSettings } from './settings.ts';

const BOUNDARY_SIZE = 360;
/** Time spent training between two looks at the message queue. */
const SLICE_MS = 30;
/** Least time between two picture updates while playing. */
const UPDATE_MS = 120;
const LOG_EVERY = 100;

interface Run {
  settings: PlaygroundSettings;
  data: PlaygroundData;
  model: Model;
  command: string;
  csv: string | null;
  latest: LatestNumbers | null;
  pendingLog: string[];
  running: boolean;
  lastUpdate: number;
  /** Epochs trained and milliseconds spent training since Play, for the speed shown. */
  playEpochs: number;
  playMs: number;
}

let run: Run | null = null;
let runId = 0;

type Message = FromWorker extends infer M ? (M extends { runId: number } ? Omit<M, 'runId'> : never) : never;

function send(message: Message, transfer: Transferable[] = []): void {
  postMessage({ ...message, runId }, { transfer });
}

function configure(settings: PlaygroundSettings, csvText: string | null): void {
  const data = makePlaygroundData(settings, csvText);
  const exported = data.generatedByCli ? null : dataAsCsv(data);
  const flags = toRunFlags(settings, data, exported?.validationSplit ?? null);
  const model = buildNetwork(networkSpec(flags, data.classes), data.rng);
  const command = commandLine(flags);
  run = {
    settings,
    data,
    model,
    command,
    csv: exported?.csv ?? null,
    latest: null,
    pendingLog: [],
    running: false,
    lastUpdate: 0,
    playEpochs: 0,
    playMs: 0,
  };
  send({
    type: 'ready',
    commandLine: command,
    trainRows: data.X.rows,
    validationRows: data.validation?.X.rows ?? 0,
    classes: data.classes,
  });
  sendUpdate(run);
}

function trainOneEpoch(r: Run, logEveryEpoch: boolean): void {
  const { data, settings } = r;
  r.model.train(data.X, data.y, {
    epochs: 1,
    batchSize: settings.batchSize > 0 ? settings.batchSize : undefined,
    shuffle: settings.shuffle,
    validationData: data.validation === null ? undefined : [data.validation.X, data.validation.y],
    callbacks: [{ onEpochEnd: (logs: EpochLogs) => record(r, logs, logEveryEpoch) }],
  });
}

function record(r: Run, logs: EpochLogs, logEveryEpoch: boolean): void {
  r.latest = {
    epoch: logs.epoch,
    accuracy: logs.accuracy,
    loss: logs.loss,
    dataLoss: logs.dataLoss,
    regularizationLoss: logs.regularizationLoss,
    learningRate: logs.learningRate,
    valAccuracy: logs.valAccuracy ?? null,
    valDataLoss: logs.valDataLoss ?? null,
  };
  if (logEveryEpoch || logs.epoch === 1 || logs.epoch % LOG_EVERY === 0 || logs.epoch === r.settings.epochs) {
    r.pendingLog.push(formatEpochLine(logs));
    if (logs.valAccuracy !== undefined && logs.valDataLoss !== undefined)
      r.pendingLog.push(formatValidationLine(logs.valAccuracy, logs.valDataLoss));
  }
}

function sendUpdate(r: Run): void {
  const { data, model } = r;
  const validation = data.validation ?? undefined;
  const range = dataRange([data.X, validation?.X], { aspect: 1 });
  const image = renderDecisionBoundary((grid) => model.predict(grid), {
    classCount: data.classes,
    width: BOUNDARY_SIZE,
    height: BOUNDARY_SIZE,
    range,
    cellSize: 3,
    train: { inputs: data.X, labels: data.y },
    validation: validation && { inputs: validation.X, labels: validation.y },
  });
  const dense = model.layers.filter((layer): layer is Dense => layer instanceof Dense);
  send(
    {
      type: 'update',
      running: r.running,
      latest: r.latest,
      boundary: image,
      range,
      curvesSvg: renderTrainingCurvesSvg(model.history, { title: 'Training and validation', width: 720 }),
      histogramSvgs: dense.map((layer, i) =>
        renderWeightHistogramSvg(layer.weights.data, {
          title: `dense${i + 1} weights (${layer.weights.rows}×${layer.weights.cols})`,
        }),
      ),
      logLines: r.pendingLog.splice(0),
      epochsPerSecond: r.playMs > 0 ? (1000 * r.playEpochs) / r.playMs : 0,
      kernels: kernelBackend(),
    },
    [image.data.buffer],
  );
  r.lastUpdate = performance.now();
}

function loop(): void {
  const r = run;
  if (r === null || !r.running) return;
  try {
    const started = performance.now();
    while (r.model.epoch < r.settings.epochs && performance.now() - started < SLICE_MS) {
      trainOneEpoch(r, false);
      r.playEpochs++;
    }
    r.playMs += performance.now() - started;
    const finished = r.model.epoch >= r.settings.epochs;
    if (finished) r.running = false;
    if (finished || performance.now() - r.lastUpdate >= UPDATE_MS) sendUpdate(r);
  } catch (error) {
    r.running = false;
    reportError(error);
    sendUpdate(r);
    return;
  }
  setTimeout(loop, 0);
}

function exportRun(r: Run): void {
  const artifacts = toLayersModelArtifacts(r.model.describe());
  send({
    type: 'exported',
    modelJson: JSON.stringify(artifacts.modelJson, null, 2),
    weights: artifacts.weightData,
    commandLine: r.command,
    csv: r.csv,
  });
}

function reportError(error: unknown): void {
  if (error instanceof ScratchnetError)
    send({ type: 'error', message: error.message, hint: error.hint ?? '' });
  else send({ type: 'error', message: error instanceof Error ? error.message : String(error), hint: '' });
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'configure') {
      run = null;
      runId = message.runId;
      configure(message.settings, message.csvText);
      return;
    }
    if (run === null) return;
    if (message.type === 'play' && !run.running && run.model.epoch < run.settings.epochs) {
      run.running = true;
      run.lastUpdate = performance.now();
      loop();
    } else if (message.type === 'pause') {
      run.running = false;
      sendUpdate(run);
    } else if (message.type === 'step' && !run.running) {
      trainOneEpoch(run, true);
      sendUpdate(run);
    } else if (message.type === 'export') exportRun(run);
  } catch (error) {
    if (run !== null) run.running = false;
    reportError(error);
  }
});
