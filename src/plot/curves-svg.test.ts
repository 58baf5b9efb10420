import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { HistoryData } from '../model/history.ts';
import { downsampleMinMax, renderTrainingCurvesSvg } from './curves-svg.ts';
import { svgLineChart } from './svg-axes.ts';

function history(epochs: number, validation: (epoch: number) => boolean): HistoryData {
  const h: HistoryData = {
    epoch: [],
    loss: [],
    dataLoss: [],
    regularizationLoss: [],
    accuracy: [],
    learningRate: [],
    valLoss: [],
    valDataLoss: [],
    valAccuracy: [],
    epochTime: [],
  };
  for (let e = 1; e <= epochs; e++) {
    const dataLoss = 1 / (1 + 0.01 * e);
    h.epoch.push(e);
    h.dataLoss.push(dataLoss);
    h.regularizationLoss.push(0.02);
    h.loss.push(dataLoss + 0.02);
    h.accuracy.push(1 - dataLoss / 2);
    h.learningRate.push(0.05 / (1 + 5e-5 * (e - 1)));
    h.valLoss.push(validation(e) ? dataLoss + 0.1 : Number.NaN);
    h.valDataLoss.push(validation(e) ? dataLoss + 0.1 : Number.NaN);
    h.valAccuracy.push(validation(e) ? 0.9 - dataLoss / 2 : Number.NaN);
    h.epochTime.push(0.01);
  }
  return h;
}

const paths = (svg: string) => svg.match(/<path /g)?.length ?? 0;

describe('renderTrainingCurvesSvg', () => {
  test('one path per series: loss and accuracy (training, validation), data and regularization loss, learning rate', () => {
    const svg = renderTrainingCurvesSvg(
      history(50, () => true),
      { title: 'spiral <run>' },
    );
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.equal(paths(svg), 7);
    assert.match(svg, /spiral &lt;run&gt;/);
    assert.match(svg, />regularization loss</);
    assert.doesNotMatch(svg, /NaN|undefined/);
  });

  test('without validation the validation lines are left out, not drawn as NaN', () => {
    const svg = renderTrainingCurvesSvg(history(50, () => false));
    assert.equal(paths(svg), 5);
    assert.doesNotMatch(svg, />validation</);
    assert.doesNotMatch(svg, /NaN/);
  });

  test('validation every 10th epoch is one connected line through those epochs', () => {
    const svg = renderTrainingCurvesSvg(history(50, (e) => e % 10 === 0));
    assert.equal(paths(svg), 7);
    const validationPath = svg.match(/<path d="([^"]*)"[^>]*><title>validation<\/title>/);
    assert.ok(validationPath);
    // one move, then a line to each of the other four points
    assert.equal(validationPath[1].match(/M/g)?.length, 1);
    assert.equal(validationPath[1].match(/L/g)?.length, 4);
  });

  test('10,000 epochs stay small', () => {
    const svg = renderTrainingCurvesSvg(history(10000, () => true));
    assert.equal(paths(svg), 7);
    assert.ok(svg.length < 150_000, `${svg.length} characters`);
  });

  test('an empty history draws empty panels', () => {
    const svg = renderTrainingCurvesSvg(history(0, () => true));
    assert.doesNotMatch(svg, /NaN|Infinity/);
  });
});

describe('downsampleMinMax', () => {
  test('keeps at most two points per column, and every column minimum and maximum (a spike survives)', () => {
    const points = Array.from({ length: 10000 }, (_, i) => [i, Math.sin(i / 300)] as const);
    const spiky = points.map(([x, y]) => [x, x === 5003 ? 9 : x === 7001 ? -9 : y] as const);
    const thinned = downsampleMinMax(spiky, 100);
    assert.ok(thinned.length <= 200, `${thinned.length} points`);
    assert.deepEqual(
      thinned.find(([x]) => x === 5003),
      [5003, 9],
    );
    assert.deepEqual(
      thinned.find(([x]) => x === 7001),
      [7001, -9],
    );
    // still in x order, so the line does not jump back
    for (let i = 1; i < thinned.length; i++) assert.ok(thinned[i][0] > thinned[i - 1][0]);
    // the extremes of each column of 100 points are among the kept ones
    for (let c = 0; c < 100; c++) {
      const column = spiky.slice(c * 100, (c + 1) * 100).map(([, y]) => y);
      const kept = thinned.filter(([x]) => x >= c * 100 && x < (c + 1) * 100).map(([, y]) => y);
      assert.equal(Math.max(...kept), Math.max(...column));
      assert.equal(Math.min(...kept), Math.min(...column));
    }
  });

  test('short series are returned whole', () => {
    const points = [
      [1, 2],
      [2, 1],
      [3, 5],
    ] as const;
    assert.deepEqual(downsampleMinMax(points, 100), points);
  });
});

describe('svgLineChart', () => {
  test('a log axis labels ticks as plain numbers and skips values it cannot show', () => {
    const svg = svgLineChart({
      yScale: 'log',
      series: [
        {
          label: 'loss',
          color: '#000000',
          points: [
            [0, 1],
            [1, 0.01],
            [2, 0],
            [3, 0.001],
          ],
        },
      ],
    });
    assert.match(svg, />0\.01</);
    assert.doesNotMatch(svg, /[mµ]</);
    assert.doesNotMatch(svg, /NaN|Infinity/);
    // the zero breaks the line: two pieces, each starting with a move
    const d = svg.match(/<path d="([^"]*)"/)?.[1] ?? '';
    assert.equal(d.match(/M/g)?.length, 2);
  });

  test('custom ticks, markers, dashes and a legend entry per series', () => {
    const svg = svgLineChart({
      xTicks: [
        { value: 0, label: 'none' },
        { value: 1, label: 'L2 5e-4' },
      ],
      series: [
        {
          label: 'a',
          color: '#111111',
          markers: true,
          points: [
            [0, 1],
            [1, 2],
          ],
        },
        {
          label: 'b',
          color: '#222222',
          dashed: true,
          points: [
            [0, 2],
            [1, 3],
          ],
        },
      ],
    });
    assert.match(svg, />none</);
    assert.match(svg, />L2 5e-4</);
    assert.equal(svg.match(/<circle /g)?.length, 2);
    assert.match(svg, /stroke="#222222"[^>]*stroke-dasharray/);
    assert.match(svg, />a<\/text>/);
    assert.match(svg, />b<\/text>/);
  });
});
