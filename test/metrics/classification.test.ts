// Classification metrics against hand-worked values (as scikit-learn computes them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classificationReport } from '../../src/metrics/classification.js';

test('balanced accuracy and the commonest-class baseline show what accuracy hides on unbalanced classes', () => {
  // always answering class 0: 75% accurate, but class 1 is never found
  const r = classificationReport([0, 0, 0, 1], [0, 0, 0, 0], 3); // class 2 has no examples: left out of the mean
  assert.equal(r.accuracy, 0.75);
  assert.equal(r.majorityBaseline, 0.75);
  assert.equal(r.balancedAccuracy, 0.5); // sklearn balanced_accuracy_score([0,0,0,1], [0,0,0,0]) = 0.5
  assert.deepEqual(r.recall, [1, 0, 0]);
  const s = classificationReport([0, 1, 2, 2, 1, 0], [0, 2, 2, 2, 1, 1], 3);
  assert.equal(s.balancedAccuracy, (0.5 + 0.5 + 1) / 3);
  assert.equal(s.majorityBaseline, 2 / 6);
});
