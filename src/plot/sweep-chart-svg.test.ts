import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type SweepChartPoint, sweepChartSvg } from './sweep-chart-svg.ts';

function point(l2: number, dropout: number, validationAccuracy: number, gap: number): SweepChartPoint {
  return { l2, l1: 0, dropout, validationAccuracy, gap, validationAccuracyStd: 0.01, gapStd: 0.02 };
}

const POINTS = [
  point(0, 0, 0.8, 0.15),
  point(5e-4, 0, 0.84, 0.1),
  point(0, 0.1, 0.78, 0.05),
  point(5e-4, 0.1, 0.8, 0.03),
];

test('one line per dropout setting against L2, with 0 and the penalties as ticks, in two panels', () => {
  const svg = sweepChartSvg(POINTS);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>/);
  assert.match(svg, /validation accuracy/);
  assert.match(svg, /generalization gap/);
  assert.match(svg, /L2 λ \(hidden weights and biases\)/);
  for (const label of ['>0<', '>5e-4<'])
    assert.equal(svg.split(label).length - 1, 2, `tick ${label} in both panels`);
  // each panel: per line a path with its title; the legend names each line once more
  assert.equal(svg.split('<title>no dropout</title>').length - 1, 2);
  assert.equal(svg.split('<title>dropout 0.1</title>').length - 1, 2);
  assert.equal(svg.split('>no dropout</text>').length - 1, 1);
  // an error bar per point and panel: 4 points × 2 panels
  assert.equal(svg.split('± std</title>').length - 1, 8);
});

test('one seed: no error bars', () => {
  const svg = sweepChartSvg(POINTS.map((p) => ({ ...p, validationAccuracyStd: null, gapStd: null })));
  assert.doesNotMatch(svg, /± std<\/title>/);
});

test('an L1 sweep puts L1 on the x axis; a dropout sweep a linear rate axis', () => {
  const l1 = sweepChartSvg([0, 1e-5, 1e-4].map((l1) => ({ ...point(0, 0, 0.8, 0.1), l1 })));
  assert.match(l1, /L1 λ/);
  assert.match(l1, />1e-5</);
  const dropout = sweepChartSvg([0, 0.1, 0.3].map((d) => point(0, d, 0.8, 0.1)));
  assert.match(dropout, /dropout rate/);
  assert.match(dropout, />0\.3</);
});
