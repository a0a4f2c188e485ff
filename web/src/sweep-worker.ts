// A sweep worker: trains one cell of a sweep (the page's settings with the cell's values) for the
// sweep's epochs with the page's own Trainer, and answers its losses.

import { splitPoints, syntheticPoints, type Points } from './data.js';
import type { SweepJob, SweepResult } from './protocol.js';
import { Trainer } from './trainer.js';

const post = (msg: SweepResult) => (self as unknown as Worker).postMessage(msg);

/** The data of the settings: the user's CSV points, or the built-in set with the settings' noise. */
function pointsFor(job: SweepJob): Points {
  const s = job.settings;
  return job.csv ?? syntheticPoints(s.dataset, s.noise, s.dataSeed);
}

function run(job: SweepJob): SweepResult {
  const s = job.settings;
  const trainer = new Trainer(s, splitPoints(pointsFor(job), s.trainRatio, s.dataSeed));
  let error: string | undefined;
  for (let e = 0; e < job.epochs && !error; e++) error = trainer.trainEpoch();
  return {
    type: 'sweepResult', id: job.id, epochs: trainer.epoch,
    trainLoss: trainer.losses.train, testLoss: trainer.losses.test,
    testAccuracy: trainer.accuracyOn(trainer.test),
    ...(error ? { error } : {}),
  };
}

self.onmessage = (e: MessageEvent<SweepJob>) => {
  try {
    post(run(e.data));
  } catch (err) {
    post({ type: 'sweepResult', id: e.data.id, epochs: 0, trainLoss: NaN, testLoss: NaN, testAccuracy: NaN, error: String((err as Error)?.message ?? err) });
  }
};
