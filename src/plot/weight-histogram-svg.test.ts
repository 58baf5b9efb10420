import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderWeightHistogramSvg, weightHistogram } from './weight-histogram-svg.ts';

test('near-zero and exactly-zero weights are counted apart from the bins', () => {
  const h = weightHistogram([0, 0, 5e-4, -5e-4, 1, 2, 3, 4], { bins: 3, nearZero: 1e-3 });
  assert.equal(h.exactZero, 2);
  assert.equal(h.nearZero, 4);
  assert.equal(h.total, 8);
  // bins over [1, 4] of width 1: [1,2) [2,3) [3,4], the maximum in the last
  assert.deepEqual(h.counts, [1, 1, 2]);
  assert.equal(h.start, 1);
  assert.equal(h.binWidth, 1);
});

test('all values near zero leave the bins empty and the zero bar full', () => {
  const h = weightHistogram(new Float32Array(10), { bins: 4 });
  assert.deepEqual(h.counts, [0, 0, 0, 0]);
  assert.equal(h.nearZero, 10);
  assert.equal(h.exactZero, 10);
});

test('the SVG carries the counts in its data attributes and its accessible label', () => {
  const svg = renderWeightHistogramSvg([0, 1e-4, 0.5, -0.5], { title: 'dense1' });
  assert.match(svg, /data-total="4"/);
  assert.match(svg, /data-near-zero="2"/);
  assert.match(svg, /data-exact-zero="1"/);
  assert.match(svg, /aria-label="dense1: 4 weights, 2 weights with \|w\| &lt; 0.01, 1 exactly 0"/);
});
