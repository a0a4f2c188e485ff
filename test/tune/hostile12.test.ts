// tune(): the search is checked before the data is touched (hostile input, twelfth sweep). A dataset
// whose every field throws when read shows the order: the error must be the search's, not the trap's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSearch, tune, type TuneOptions } from '../../src/tune/tune.js';
import { choice, floatRange, intRange } from '../../src/tune/space.js';
import { OptionError } from '../../src/errors.js';
import type { Dataset } from '../../src/data/synthetic.js';

/** A "dataset" that fails the test when any of its fields is read. */
const untouchable = new Proxy({}, { get(_, key) { throw new Error(`the data was read (${String(key)}) before the search was checked`); } }) as Dataset;

const cases: [string, Partial<TuneOptions>, RegExp][] = [
  ['a float range lo > hi', { spec: { learningRate: floatRange(0.1, 0.01) } }, /^learningRate: the range 0\.1\.\.0\.01 has lo > hi$/],
  ['an integer range lo > hi', { spec: { epochs: intRange(5, 1) } }, /^epochs: the range 5\.\.1 has lo > hi$/],
  ['a grid of a float range', { spec: { learningRate: floatRange(0.01, 0.1) }, sampler: 'grid' }, /the grid sampler needs a list of values/],
  ['a choice listed twice', { spec: { layers: choice([4], [4]) } }, /lists \[4\] twice/],
  ['no dimension', { spec: { learningRate: 0.1 } }, /the search space is empty/],
  ['an unknown pruner', { spec: { layers: choice([4], [8]) }, pruner: 'median' as never }, /options\.pruner/],
  ['an unknown objective', { spec: { layers: choice([4], [8]) }, objective: 'f2' as never }, /options\.objective/],
  ['a spec that is not an object', { spec: null as never }, /options\.spec must be a training spec/],
];

for (const [what, o, pattern] of cases) {
  test(`tune() refuses ${what} before it touches the data`, async () => {
    await assert.rejects(tune({ data: { train: untouchable }, ...o } as TuneOptions), (e: unknown) => e instanceof OptionError && pattern.test(e.message));
    assert.throws(() => checkSearch(o as TuneOptions), (e: unknown) => e instanceof OptionError && pattern.test(e.message));
  });
}

test('checkSearch gives the fixed part and the space of a searchable spec', () => {
  const r = checkSearch({ spec: { layers: choice([4], [8]), epochs: 3 }, sampler: 'grid' });
  assert.deepEqual(r.fixed, { epochs: 3 });
  assert.deepEqual(Object.keys(r.space), ['layers']);
  assert.equal(r.epochs, 3);
});
