import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonFixed } from '../report/python-format.ts';
import { addLosses } from './add-losses.ts';

test('float32 data and regularization losses add in float32, as numpy adds two float32 numbers', () => {
  // numpy 2.4: np.float32(0.38207727670669556) + np.float32(0.027422718703746796) is
  // float32 0.40950000286102295, printed `0.410`; the double sum 0.40949999541044235 prints `0.409`
  const data = 0.38207727670669556;
  const reg = 0.027422718703746796;
  assert.equal(addLosses(data, reg, true), 0.40950000286102295);
  assert.equal(pythonFixed(addLosses(data, reg, true), 3), '0.410');
  assert.equal(pythonFixed(data + reg, 3), '0.409', 'the double sum would print another digit');
  assert.equal(addLosses(data, reg, false), data + reg, 'a float64 data loss adds in double');
});
