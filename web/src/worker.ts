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
  type Matrix,
  type Model,
  ScratchnetError,
} from '../../src/index.ts';
import { renderTrainingCurvesSvg } from '../../src/plot/curves-svg.ts';
import { renderWeightHistogramSvg } from '../../src/plot/weight-histogram-svg.ts';
import { boundaryImage, diagramOf, networkInputs, pictureRange } from './boundary.ts';
import { commandLine, networkSpec, toRunFlags } from './command-line.ts';
import { renderGapChartSvg } from './gap-chart.ts';
import type { FromWorker, LatestNumbers, ToWorker } from './messages.ts';
import { modelDownload } from './model-download.ts';
import { dataAsCsv, makePlaygroundData, type PlaygroundData } from './playground-data.ts';
import type { PlaygroundSettings } from './settings.ts';
import { accuracyGaps, makeTwin, type TwinRun, trainTwin, unregularized } from './twin-run.ts';

/** Time spent training between two looks at the message queue, at full speed. */
const SLICE_MS = 30;
/**
 * At full speed, drawing the pictures may take this share of the time at most: an update waits
 * until training has had (1 − share) of the time since the last one.
 */
const DRAW_SHARE = 0.2;
const LOG_EVERY = 100;

interface Run {
  settings: PlaygroundSettings;
  data: PlaygroundData;
  /** The network's inputs: the points' features (the points themselves for plain x1, x2). */
  X: Matrix;
  validationX: Matrix | null;
  model: Model;
  /** The same network without regularization, in comparison mode. */
  twin: TwinRun | null;
  csv: string | null;
  validationSplit: number | null;
  latest: LatestNumbers | null;
  pendingLog: string[];
  running: boolean;
  /** Epochs per frame while playing; 0: as fast as possible. */
  speed: number;
  /** An update is on its way to the page, not yet drawn: the next waits (the page says 'frame'). */
  pageBusy: boolean;
  timerPending: boolean;
  /** When the last update went out, and how long making it took. */
  lastUpdate: number;
  drawMs: number;
  /** Epochs trained since Play and when Play was pressed, for the speed shown. */
  playEpochs: number;
  playStarted: number;
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
  const validationSplit = exported?.validationSplit ?? null;
  const flags = toRunFlags(settings, data, validationSplit);
  const model = buildNetwork(networkSpec(flags, data.classes), data.rng);
  const features = settings.features;
  run = {
    settings,
    data,
    X: networkInputs(data.X, data, features),
    validationX: data.validation && networkInputs(data.validation.X, data, features),
    model,
    twin: settings.compare ? makeTwin(settings, csvText) : null,
    csv: exported?.csv ?? null,
    validationSplit,
    latest: null,
    pendingLog: [],
    running: false,
    speed: settings.speed,
    pageBusy: false,
    timerPending: false,
    lastUpdate: 0,
    drawMs: 0,
    playEpochs: 0,
    playStarted: 0,
  };
  send({
    type: 'ready',
    trainRows: data.X.rows,
    validationRows: data.validation?.X.rows ?? 0,
    classes: data.classes,
  });
  sendUpdate(run);
}

/**
 * With no limit, the command line trains as many epochs as the page has so far. The twin's: the same
 * flags with no L1, L2 or dropout (same seed, same data, so the same initial weights).
 */
function runCommand(r: Run, twin = false): string {
  const epochs = r.settings.epochs > 0 ? r.settings.epochs : Math.max(1, r.model.epoch);
  const settings = twin ? unregularized(r.settings) : r.settings;
  return commandLine(toRunFlags({ ...settings, epochs }, r.data, r.validationSplit));
}

function atLimit(r: Run): boolean {
  return r.settings.epochs > 0 && r.model.epoch >= r.settings.epochs;
}

function trainOneEpoch(r: Run, logEveryEpoch: boolean): void {
  const { data, settings } = r;
  r.model.train(r.X, data.y, {
    epochs: 1,
    batchSize: settings.batchSize > 0 ? settings.batchSize : undefined,
    shuffle: settings.shuffle,
    validationData:
      data.validation === null || r.validationX === null ? undefined : [r.validationX, data.validation.y],
    callbacks: [{ onEpochEnd: (logs: EpochLogs) => record(r, logs, logEveryEpoch) }],
  });
  if (r.twin !== null) {
    const validation = data.validation && r.validationX && ([r.validationX, data.validation.y] as const);
    trainTwin(r.twin, settings, r.X, data.y, validation);
  }
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
  const started = performance.now();
  const { data, model } = r;
  const range = pictureRange(data);
  const features = r.settings.features;
  const image = boundaryImage(r.data, r.settings, model, range);
  const twinImage = r.twin && boundaryImage(r.data, r.settings, r.twin.model, range);
  const dense = model.layers.filter((layer): layer is Dense => layer instanceof Dense);
  send(
    {
      type: 'update',
      running: r.running,
      commandLine: runCommand(r),
      latest: r.latest,
      boundary: image,
      range,
      compare: r.twin &&
        twinImage && {
          boundary: twinImage,
          commandLine: runCommand(r, true),
          gapSvg: renderGapChartSvg(accuracyGaps(model), accuracyGaps(r.twin.model)),
        },
      diagram: diagramOf(data, model, range, features),
      curvesSvg: renderTrainingCurvesSvg(model.history, { title: 'Training and validation', width: 720 }),
      histogramSvgs: dense.map((layer, i) =>
        renderWeightHistogramSvg(layer.weights.data, {
          title: `dense${i + 1} weights (${layer.weights.rows}×${layer.weights.cols})`,
        }),
      ),
      logLines: r.pendingLog.splice(0),
      epochsPerSecond: r.running ? (1000 * r.playEpochs) / Math.max(1, performance.now() - r.playStarted) : 0,
      kernels: kernelBackend(),
    },
    twinImage === null ? [image.data.buffer] : [image.data.buffer, twinImage.data.buffer],
  );
  r.pageBusy = true;
  r.lastUpdate = performance.now();
  r.drawMs = r.lastUpdate - started;
}

/** Whether the page may get a picture now without taking more than its share from training. */
function updateDue(r: Run): boolean {
  if (r.pageBusy) return false;
  return r.speed > 0 || performance.now() - r.lastUpdate >= (r.drawMs * (1 - DRAW_SHARE)) / DRAW_SHARE;
}

/**
 * Runs the next training turn when it is due: at a set speed, once the page has drawn the last
 * update (so one turn per displayed frame); at full speed, at once (updates then go out whenever
 * the page is free, training never waits for it).
 */
function schedule(r: Run): void {
  if (!r.running || r.timerPending || (r.speed > 0 && r.pageBusy)) return;
  r.timerPending = true;
  setTimeout(() => turn(r), 0);
}

function turn(r: Run): void {
  r.timerPending = false;
  if (run !== r || !r.running) return;
  try {
    const started = performance.now();
    let trained = 0;
    while (!atLimit(r) && (r.speed > 0 ? trained < r.speed : performance.now() - started < SLICE_MS)) {
      trainOneEpoch(r, false);
      trained++;
    }
    r.playEpochs += trained;
    if (atLimit(r)) r.running = false;
    if (!r.running || updateDue(r)) sendUpdate(r);
  } catch (error) {
    r.running = false;
    reportError(error);
    sendUpdate(r);
    return;
  }
  schedule(r);
}

function play(r: Run): void {
  if (!r.running && !atLimit(r)) {
    r.running = true;
    r.playEpochs = 0;
    r.playStarted = performance.now();
    schedule(r);
  } else sendUpdate(r); // the page learns that nothing is left to train, and shows it
}

function exportRun(r: Run): void {
  send({
    type: 'exported',
    ...modelDownload(r.model, r.settings.features),
    commandLine: runCommand(r),
    twin: r.twin && { ...modelDownload(r.twin.model, r.settings.features), commandLine: runCommand(r, true) },
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
    if (message.type === 'play') play(run);
    else if (message.type === 'pause') {
      run.running = false;
      sendUpdate(run);
    } else if (message.type === 'step') {
      if (!run.running && !atLimit(run)) trainOneEpoch(run, true);
      sendUpdate(run);
    } else if (message.type === 'frame') {
      run.pageBusy = false;
      schedule(run);
    } else if (message.type === 'limit') {
      run.settings = { ...run.settings, epochs: message.epochs };
      if (atLimit(run)) run.running = false;
      sendUpdate(run);
    } else if (message.type === 'speed') {
      run.speed = message.speed;
      run.settings = { ...run.settings, speed: message.speed };
      schedule(run);
    } else if (message.type === 'display') {
      run.settings = { ...run.settings, showTest: message.showTest, discretize: message.discretize };
      // while playing, the next update draws them so; paused, draw them now
      if (!run.running) sendUpdate(run);
    } else if (message.type === 'export') exportRun(run);
  } catch (error) {
    if (run !== null) run.running = false;
    reportError(error);
  }
});
