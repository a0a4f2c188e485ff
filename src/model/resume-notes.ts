// What a resumed run does not carry over from the model it resumes, said in one warning: a model
// file keeps the weights and the settings they were trained with, not the place in a learning-rate
// schedule nor an optimizer's running averages. `--resume m.json --lr-decay ...` started its decay
// again at epoch 1 without a word, and a resume under another learning rate or optimizer than the
// model's (the default 0.0075 after a run at 0.5) was as silent.

import type { Model } from './model.js';
import type { ResolvedSpec } from './resolve-spec.js';
import { learningRateAt } from '../optim/schedules.js';

/** The optimizers whose state (velocities, moment estimates) a model file does not keep. */
const STATEFUL = ['momentum', 'rmsprop', 'adam'];

const num = (v: number) => String(Number(v.toPrecision(4)));

/** The warning for a run resuming `model` with the settings `s`, or undefined when it goes on as the model was trained. */
export function resumeNote(s: ResolvedSpec, model: Model): string | undefined {
  const t = model.training;
  const epochs = t.epochs ?? 0;
  if (epochs === 0 || t.learningRate === undefined) return undefined;
  // the rate the model's last epoch ran at: lr_e = learningRateAt(alpha0, schedule, e)
  const ended = learningRateAt(t.learningRate, t.schedule, epochs - 1);
  const endedText = t.schedule ? `ended its ${epochs} epochs at learning rate ${num(ended)} (decayed from ${num(t.learningRate)})` : `ran its ${epochs} epochs at learning rate ${num(t.learningRate)}`;
  const parts: string[] = [];
  if (s.schedule && s.schedule.type !== 'constant') {
    parts.push(`the learning-rate decay starts again at epoch 1 from learningRate ${num(s.learningRate)} (a model file keeps no place in a schedule); the model's last run ${endedText}`);
  } else if (s.learningRate !== t.learningRate || t.schedule) {
    parts.push(`this run trains at learningRate ${num(s.learningRate)}; the model's last run ${endedText}`);
  }
  if (t.optimizer !== undefined && t.optimizer !== s.optimizer) {
    parts.push(`optimizer ${s.optimizer}, where the model was trained with ${t.optimizer}${STATEFUL.includes(s.optimizer) ? ` (${s.optimizer} starts from a fresh state)` : ''}`);
  }
  return parts.length > 0 ? `resume: ${parts.join('; ')}` : undefined;
}
