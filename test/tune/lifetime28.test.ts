// tune() over a program's lifetime: data it cannot train on is refused before any worker starts.

import { test } from 'node:test';
import { tune } from '../../src/tune/tune.js';
import { choice } from '../../src/tune/space.js';
import { synthetic } from '../../src/data/synthetic.js';
import { refused } from '../helpers/errors.js';

const spec = { layers: choice([4], [8]), epochs: 5 };

test('tune refuses a NaN or an infinity in the data, naming where (every trial failed on it and tune resolved)', async () => {
  const train = synthetic('flower', { samples: 60, seed: 1 });
  train.X.data[5] = Number.NaN;
  await refused(tune({ spec, data: { train }, trials: 2, workers: 1 }), 'DataError', /^tune: data\.train\.X has a non-finite value \(NaN\) at row 1, column 6 \(example 6\)$/);
  const ok = synthetic('flower', { samples: 60, seed: 1 });
  const validation = synthetic('flower', { samples: 20, seed: 2 });
  validation.Y.data[0] = Number.POSITIVE_INFINITY;
  await refused(tune({ spec, data: { train: ok, validation }, trials: 2, workers: 1 }), 'DataError', /^tune: data\.validation\.Y has a non-finite value \(Infinity\) at row 1, column 1/);
});
