// Round 36: the run-to-run noise of a study on one validation split. With the default objective (the
// validation loss) a user could not tell whether the best trial beat the second by more than the luck
// of one initialisation: the best configuration is now trained at other seeds after the study and its
// spread is reported under the best ("seeds: the best's loss 0.49 ± 0.006 over 3 training seeds") and used as the noise. And the
// journal, which defaults to a file in the working folder, is named (absolute) on the study's first line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { synthetic } from '../../src/data/synthetic.js';
import { tune } from '../../src/tune/tune.js';
import { choice, floatRange } from '../../src/tune/space.js';
import { findingLines, studyFindings } from '../../src/tune/findings.js';
import { sampleSpread } from '../../src/tune/seeds.js';
import { backprop, tempDir, usageError } from '../helpers/cli.js';

const xor = synthetic('xor', { samples: 120, seed: 3 });
const spec = { learningRate: floatRange(1e-3, 1e-1, true), layers: choice([4], [8]), optimizer: 'adam' as const, epochs: 8 };

test('on one split the best is trained at 3 seeds by default: its spread is the noise of a loss, said beside the best', async () => {
  const r = await tune({ spec, data: { train: xor }, trials: 4, sampler: 'random', workers: 2, seed: 5 });
  const s = r.bestSeeds!;
  assert.ok(s, 'no seed spread on one split');
  assert.equal(s.trial, r.summary.best!.number);
  assert.deepEqual(s.seeds, [5, 6, 7]); // the study's seed (the training seed of every trial), then the next ones
  assert.equal(s.values.length, 3);
  assert.equal(s.values[0], r.summary.best!.value);
  assert.ok(s.values.every(Number.isFinite));
  assert.ok(s.values[1] !== s.values[0] || s.values[2] !== s.values[0], `other seeds gave the very same loss: ${s.values}`);
  const { mean, std } = sampleSpread(s.values);
  assert.equal(s.mean, mean);
  assert.equal(s.std, std);
  assert.ok(std > 0);
  const f = studyFindings(r)!;
  assert.equal(f.noise?.value, s.std);
  assert.match(f.noise!.basis, /standard deviation of its loss over 3 training seeds/);
  assert.doesNotMatch(findingLines(r, f).join('\n'), /not measured/);
});

test('the seeds the best is measured on: bestSeeds 1 trains none (the line says how to); with cv the folds say it; 0 or 1.5 is refused', async () => {
  const one = await tune({ spec, data: { train: xor }, trials: 2, sampler: 'random', workers: 1, bestSeeds: 1 });
  assert.equal(one.bestSeeds, undefined);
  const f = studyFindings(one)!;
  assert.equal(f.noise, undefined);
  assert.match(findingLines(one, f).join('\n'), /noise: not measured for loss on one validation split \(the best was not trained at other seeds: a study run, not a report, with bestSeeds N of 2 or more does\)/);
  const five = await tune({ spec, data: { train: xor }, trials: 2, sampler: 'random', workers: 2, bestSeeds: 5 });
  assert.equal(five.bestSeeds!.values.length, 5);
  const cv = await tune({ spec, data: { train: xor }, trials: 2, sampler: 'random', workers: 1, cv: 2 });
  assert.equal(cv.bestSeeds, undefined);
  assert.match(studyFindings(cv)!.noise!.basis, /over 2 folds/);
  for (const bad of [0, 1.5, 101]) {
    await assert.rejects(tune({ spec, data: { train: xor }, trials: 1, bestSeeds: bad }), /options\.bestSeeds must be/);
  }
  // a report (timeout 0) trains nothing
  const report = await tune({ spec, data: { train: xor }, trials: 1, workers: 1, timeout: 0 });
  assert.equal(report.bestSeeds, undefined);
});

test('for an accuracy the noise is the larger of the proportion\'s standard error and the seeds\' spread', async () => {
  const r = await tune({ spec, data: { train: xor }, trials: 3, sampler: 'random', workers: 2, objective: 'accuracy' });
  const f = studyFindings(r)!, s = r.bestSeeds!, n = r.validationExamples!;
  const p = r.summary.best!.value!;
  const proportion = Math.max(Math.sqrt((p * (1 - p)) / n), 1 / n);
  assert.equal(f.noise!.value, Math.max(proportion, s.std));
});

test('the CLI: the journal named absolute on the first line (new, then continued); the best with its spread; --json best.seeds; --best-seeds checked', () => {
  const dir = tempDir();
  const args = ['tune', '--data', 'xor', '--samples', '100', '--optimizer', 'adam', '--epochs', '6', '--lr', '1e-3..1e-1', '--trials', '3', '--workers', '2'];
  const first = backprop(args, { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  const lines = first.stdout.split('\n');
  assert.equal(lines[0], `study: ${path.join(dir, 'xor.study.jsonl')} (a new journal; --study's default: DATA.study.jsonl in the current folder; --study FILE puts it elsewhere)`);
  assert.match(first.stdout, /^best: trial #\d+, loss (\S+): learningRate=\S+\n {2}searched: .*(?:\n {2}the best .*)?\n {2}seeds: the best's loss \S+ ± \S+ over 3 training seeds \(\S+ at seed 1, \S+ at seed 2, \S+ at seed 3\)$/m);
  assert.match(first.stdout, /^ {2}noise: .*over 3 training seeds/m);
  const again = backprop([...args, '--json'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  const study = JSON.parse(again.stdout) as { best: { seeds: { seeds: number[]; values: number[]; std: number } } };
  assert.deepEqual(study.best.seeds.seeds, [1, 2, 3]);
  const text = backprop(args, { cwd: dir });
  assert.equal(text.stdout.split('\n')[0], `study: ${path.join(dir, 'xor.study.jsonl')} (continuing the study in it; --study's default: DATA.study.jsonl in the current folder; --study FILE puts it elsewhere)`);
  usageError(backprop([...args, '--best-seeds', '0'], { cwd: dir }), /--best-seeds must be/);
  const report = backprop([...args, '--report'], { cwd: dir });
  assert.equal(report.code, 0, report.stderr);
  assert.doesNotMatch(report.stdout, /^ {2}seeds: /m);
  assert.match(report.stdout, /^ {2}noise: not measured for loss on one validation split \(the best was not trained at other seeds: a study run, not a report, with --best-seeds N of 2 or more does\)/m);
});
