// Round 34, tuning as a scikit-learn user reads a search: what was searched, how far the best stands
// above a typical trial, whether it sits at an edge of the space (widen it), which trials are as good
// within the validation's noise, and the exact command that trains the winner. The leaderboard said
// none of it; a CLI user had to turn `learningRate=0.0983` into train's flags by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthetic } from '../../src/data/synthetic.js';
import { tune, type StudyResult } from '../../src/tune/tune.js';
import { choice } from '../../src/tune/space.js';
import { studyFindings } from '../../src/tune/findings.js';
import { summarize, type StudySummary } from '../../src/tune/study.js';
import type { Trial } from '../../src/tune/trial.js';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, tempDir } from '../helpers/cli.js';

const xor = synthetic('xor', { samples: 80, seed: 1 });

/** A real 3 x 3 grid study on xor (its data and fixed options), to which each test gives its own objective values. */
const grid = tune({
  spec: { learningRate: choice(1e-4, 1e-3, 1e-2), keepProb: choice(0.5, 0.75, 1), layers: [4], epochs: 2 },
  data: { train: xor }, trials: 9, sampler: 'grid', objective: 'accuracy', workers: 1,
});

/** The study with these accuracies: value(params) for each trial. */
async function withValues(value: (p: Trial['params']) => number, folds?: (p: Trial['params']) => number[]): Promise<StudyResult> {
  const r = await grid;
  const trials = r.trials.map((t) => ({ ...t, value: value(t.params), ...(folds ? { foldValues: folds(t.params) } : {}) }));
  const summary: StudySummary = summarize(trials, 'maximize', 2);
  return { ...r, trials, summary };
}

const isBest = (p: Trial['params']) => p.learningRate === 1e-2 && p.keepProb === 1;

test('the best at the top of a numeric choice is said to be at an edge; a keep probability of 1, which training cannot exceed, is not', async () => {
  const r = await withValues((p) => (isBest(p) ? 0.95 : 0.5));
  assert.equal(r.validationExamples, 16); // 20% of 80
  const f = studyFindings(r)!;
  assert.deepEqual(f.edges.map((e) => [e.name, e.side, e.value]), [['learningRate', 'high', 1e-2]]);
  assert.deepEqual(f.searched, ['learningRate 0.0001|0.001|0.01', 'keepProb 0.5|0.75|1']);
  assert.equal(f.median, 0.5);
  // one standard error of 95% of 16 examples, never below one example's worth
  assert.ok(Math.abs(f.noise!.value - 1 / 16) < 1e-12, String(f.noise?.value));
  assert.deepEqual(f.withinNoise, [r.summary.best!.number]);
});

test('a trial as good as the best within noise away from the edge takes the edge finding back; the tie is named', async () => {
  const r = await withValues((p) => (isBest(p) ? 0.95 : p.learningRate === 1e-4 && p.keepProb === 0.5 ? 0.92 : 0.5));
  const f = studyFindings(r)!;
  assert.deepEqual(f.edges, []);
  const tied = r.trials.find((t) => t.params.learningRate === 1e-4 && t.params.keepProb === 0.5)!;
  assert.deepEqual(f.withinNoise, [r.summary.best!.number, tied.number]);
});

test('with folds the noise is the standard error of the best\'s mean over them, for any objective', async () => {
  const r = await withValues((p) => (isBest(p) ? 0.9 : 0.8), (p) => (isBest(p) ? [0.8, 1.0] : [0.8, 0.8]));
  const f = studyFindings(r)!;
  // population std 0.1 over 2 folds: 0.1 / sqrt(2)
  assert.ok(Math.abs(f.noise!.value - 0.1 / Math.SQRT2) < 1e-12);
  assert.match(f.noise!.basis, /2 folds/);
  assert.equal(f.withinNoise.length, 1); // 0.8 is 0.1 below the best, more than 0.0707
});

test('tune prints what it searched, where the best stands, and the train command that makes the model --save saved (same test metrics); --json carries them', () => {
  const dir = tempDir();
  const args = ['tune', '--data', 'xor', '--samples', '120', '--optimizer', 'adam', '--epochs', '15', '--layers', '4|8,4', '--lr', '1e-3|1e-2|1e-1',
    '--batch-size', '16|32', '--sampler', 'grid', '--trials', '12', '--workers', '1', '--objective', 'accuracy', '--study', 's.jsonl'];
  const text = backprop([...args, '--save', 'best.json'], { cwd: dir });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^ {2}searched: --layers 4\|8,4, --lr 0\.001\|0\.01\|0\.1, --batch-size 16\|32$/m);
  assert.match(text.stdout, /^ {2}the best accuracy \S+ against \S+ for the median of the 12 complete trials$/m);
  assert.match(text.stdout, /^ {2}noise: .*one standard error of a proportion of \d+ validation examples/m);
  const command = /^ {2}train it: (backprop train .*)$/m.exec(text.stdout)?.[1];
  assert.ok(command, text.stdout);
  // the data and fixed flags as typed, each searched flag once at the best's value as the choice was written, no tune option
  assert.match(command, /^backprop train --data xor --samples 120 --optimizer adam --epochs 15 (?=.*--layers (4|8,4)\b)(?=.*--lr (1e-3|1e-2|1e-1)\b)(?=.*--batch-size (16|32)\b)/);
  assert.doesNotMatch(command, /--(trials|sampler|workers|objective|study|save)\b|\.\./);
  const testLine = /^test \(best configuration retrained on train \+ validation\): (.*)$/m.exec(text.stdout)?.[1];
  const trained = backprop([...command.split(' ').slice(1)], { cwd: dir });
  assert.equal(trained.code, 0, trained.stderr);
  assert.equal(/^test: +(.*)$/m.exec(trained.stdout)?.[1], testLine, trained.stdout);
  const json = backprop([...args, '--json'], { cwd: dir });
  const study = JSON.parse(json.stdout) as { best: { trainCommand: string }; findings: { searched: string[]; withinNoise: number[]; noise: { value: number } } };
  assert.equal(study.best.trainCommand, command);
  assert.equal(study.findings.searched.length, 3);
  assert.ok(study.findings.withinNoise.length >= 1 && study.findings.noise.value > 0);
});

test('--results writes every trial as a CSV table (rank, state, objective, spread and folds, epochs, seconds, a column per parameter), exact values, and replaces no other file', () => {
  const dir = tempDir();
  const args = ['tune', '--data', 'xor', '--samples', '90', '--epochs', '4', '--layers', '4|8,4', '--lr', '1e-3..1e-1', '--trials', '4', '--cv', '3',
    '--sampler', 'random', '--workers', '1', '--study', 's.jsonl', '--results', 'trials.csv'];
  const run = backprop([...args, '--json'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const study = JSON.parse(run.stdout) as { trials: { number: number; value: number; folds: number[]; params: { learningRate: number; layers: number[] } }[] };
  const lines = readFileSync(path.join(dir, 'trials.csv'), 'utf8').trimEnd().split('\n');
  assert.equal(lines[0], 'rank,trial,state,loss,loss_std,fold_1,fold_2,fold_3,epochs,seconds,layers,learningRate,message');
  assert.equal(lines.length, 5);
  const byNumber = new Map(study.trials.map((t) => [t.number, t]));
  let last = -Infinity;
  for (const [i, line] of lines.slice(1).entries()) {
    // the layers cell 8,4 is quoted
    const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"(.*)"$/, '$1'));
    const t = byNumber.get(Number(cells[1]))!;
    assert.equal(cells[0], String(i + 1));
    assert.equal(cells[2], 'complete');
    assert.equal(Number(cells[3]), t.value);
    assert.ok(Number(cells[3]) >= last, 'best (lowest loss) first');
    last = Number(cells[3]);
    assert.deepEqual(cells.slice(5, 8).map(Number), t.folds);
    assert.equal(cells[10], t.params.layers.join(','));
    assert.equal(Number(cells[11]), t.params.learningRate);
  }
  // run again: its own table is replaced; a file of another kind is not
  assert.equal(backprop(args, { cwd: dir }).code, 0);
  writeFileSync(path.join(dir, 'notes.csv'), 'a,b\n1,2\n');
  const refused = backprop([...args.slice(0, -1), 'notes.csv'], { cwd: dir });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /^backprop: error: --results: cannot write notes\.csv: it exists and is not a table of a study's trials/m);
  assert.equal(readFileSync(path.join(dir, 'notes.csv'), 'utf8'), 'a,b\n1,2\n');
});

test('the train command of a --space file\'s best writes a schedule as --lr-decay takes it (it wrote inverseTime:1, which train refused) and layers as 16,8', () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'space.json'), JSON.stringify({ 'lr-decay': ['inv:1', 'exp:0.9'], layers: [[8], [16, 8]] }));
  const r = backprop(['tune', '--data', 'xor', '--samples', '80', '--optimizer', 'adam', '--epochs', '4', '--space', 'space.json', '--sampler', 'grid',
    '--trials', '4', '--workers', '1', '--study', 's.jsonl', '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const study = JSON.parse(r.stdout) as { best: { trainCommand: string }; trials: { params: Record<string, unknown> }[]; test: { loss: number } };
  const command = study.best.trainCommand;
  assert.match(command, / --lr-decay (inv:1|exp:0\.9)( |$)/);
  assert.match(command, / --layers (8|16,8)( |$)/);
  const trained = backprop([...command.split(' ').slice(1), '--json'], { cwd: dir });
  assert.equal(trained.code, 0, trained.stderr);
  assert.equal((JSON.parse(trained.stdout) as { test: { loss: number } }).test.loss, study.test.loss);
});

test('studyFindings, findingLines and studyTable refuse what is not a study in one line naming the function', async () => {
  const { studyTable } = await import('../../src/tune/results-table.js');
  const { findingLines } = await import('../../src/tune/findings.js');
  const { OptionError } = await import('../../src/errors.js');
  const r = await grid;
  const refused: [() => unknown, RegExp][] = [
    [() => studyFindings(undefined as never), /^studyFindings: study must be a StudyResult \(from tune\), got undefined$/],
    [() => studyTable({} as never), /^studyTable: study must be a StudyResult \(from tune\), got an object/],
    [() => studyFindings({ ...r, trainAndValidation: undefined } as never), /^studyFindings: study\.trainAndValidation must be the Dataset the trials were tuned on/],
    [() => findingLines(r, null as never), /^findingLines: findings must be what studyFindings\(study\) returned, got null$/],
  ];
  for (const [call, message] of refused) assert.throws(call, (e: Error) => e instanceof OptionError && message.test(e.message), String(call));
  assert.match(studyTable(r).split('\n')[0]!, /^rank,trial,state,accuracy,epochs,seconds,learningRate,keepProb,message$/);
});
