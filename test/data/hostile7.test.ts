// Hostile input to the library, seventh round: a feature that never changes (learned without a
// word), networks of absurd sizes (new Network allocated gigabytes for minutes before failing, or
// never failed), and charts written over files of another kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../src/data/csv.js';
import { Network, MAX_PARAMETERS } from '../../src/nn/network.js';
import { checkChartTarget, markPng, markSvg } from '../../src/plot/render.js';
import { OutputError } from '../../src/errors.js';
import { tempDir } from './helpers.js';

const dir = tempDir();

function warningsOf(text: string, options: Parameters<typeof parseCsv>[1] = {}): string[] {
  const warnings: string[] = [];
  parseCsv(text, { ...options, warn: (m) => warnings.push(m) }, 'c.csv');
  return warnings;
}

test('a feature with one value in every row is named in one warning when the schema is learned; not an error', () => {
  const w = warningsOf('a,b,y\n1,5,0\n2,5,1\n3,5,0\n4,5,1\n');
  assert.equal(w.length, 1, w.join('\n'));
  assert.match(w[0]!, /^c\.csv: feature 'b' \(always 5\) has the same value in every row: nothing to learn from it; leave it out with options\.exclude$/);
  // several, a one-hot column of one category among them, said in one warning
  const many = warningsOf('a,b,c,y\n1,5,x,0\n1,5,x,1\n1,5,x,0\n', { oneHot: 'auto' });
  assert.equal(many.length, 1, many.join('\n'));
  assert.match(many[0]!, /^c\.csv: 3 features 'a' \(always 1\), 'b' \(always 5\), 'c' \(always 'x'\) have the same value in every row/);
  // a column that changes, or a file of one row (every column is constant there): no such warning
  assert.deepEqual(warningsOf('a,b,y\n1,5,0\n2,6,1\n3,5,0\n'), []);
  assert.ok(!warningsOf('a,b,y\n1,5,2.5\n', { task: 'regression' }).some((m) => /same value in every row/.test(m)));
  // empty cells are not values: a column of 5s and blanks is constant too
  assert.match(warningsOf('a,b,y\n1,5,0\n2,,1\n3,5,0\n', { missing: 'mean' }).join('\n'), /feature 'b' \(always 5\)/);
});

test('new Network refuses absurd sizes with a RangeError naming the layer and the size, before allocating anything', () => {
  const started = Date.now();
  const sizes: [number, number[], RegExp][] = [
    [1e9, [1], /^layer 1: 1 unit x 1000000000 inputs is 1\.00e\+09 parameters, more than the 536870912 \(2\^29\) a network may hold/],
    [2, [1e9, 1], /^layer 1: 1000000000 units x 2 inputs is 3\.00e\+09 parameters/],
    [1e5, [1e5, 1], /^layer 1: 100000 units x 100000 inputs is 1\.00e\+10 parameters/],
    [20000, [20000, 20000, 1], /^layer 2 \(20000 units x 20000 inputs\) brings the network to 8\.00e\+08 parameters, more than the 536870912/],
    [2, [Number.MAX_SAFE_INTEGER + 1, 1], /^layer 1: .* parameters, more than/],
    [2, [3, Number.NaN], /^layer 2: units must be a whole number >= 1, got NaN$/],
    [2, [-3, 1], /^layer 1: units must be a whole number >= 1, got -3$/],
    [2, [2.5, 1], /^layer 1: units must be a whole number >= 1, got 2\.5$/],
    [2, [Number.POSITIVE_INFINITY], /^layer 1: units must be a whole number >= 1, got Infinity$/],
  ];
  for (const [inputSize, units, pattern] of sizes) {
    const layers = units.map((u, i) => ({ units: u, activation: i === units.length - 1 ? 'sigmoid' as const : 'relu' as const }));
    assert.throws(() => new Network({ inputSize, layers }), (e: unknown) => e instanceof RangeError && pattern.test(e.message), `${inputSize} ${units}`);
  }
  // a later layer's bad size is found before the earlier layers are allocated
  assert.throws(() => new Network({ inputSize: 4000, layers: [{ units: 4000, activation: 'relu' }, { units: -1, activation: 'sigmoid' }] }), /^OptionError: layer 2: units/);
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms: something was allocated`);
  assert.equal(MAX_PARAMETERS, 2 ** 29);
  // the largest size within the limit is still built (one layer of 1000 x 1000)
  assert.equal(new Network({ inputSize: 1000, layers: [{ units: 1000, activation: 'sigmoid' }] }).layerSizes.join('-'), '1000-1000');
});

test('a chart replaces only a chart marked as ours: an SVG comment, a PNG tEXt chunk with a correct CRC', () => {
  assert.equal(markSvg('<svg a="1"><g/></svg>'), '<svg a="1"><!-- Software: backprop --><g/></svg>');
  assert.equal(markSvg(markSvg('<svg><g/></svg>')), '<svg><!-- Software: backprop --><g/></svg>');
  // a comment of ours anywhere else is not the mark
  const elsewhere = path.join(dir, 'elsewhere.svg');
  writeFileSync(elsewhere, '<svg><g/><!-- Software: backprop --></svg>');
  assert.throws(() => checkChartTarget(elsewhere), /it exists and is not a chart written by backprop/);
  const refused = (e: unknown) => e instanceof OutputError && /: it exists and is not a chart written by backprop \(an SVG or PNG marked 'Software: backprop'\); not replacing it/.test(e.message);
  const photo = path.join(dir, 'photo.png');
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
  writeFileSync(photo, png);
  assert.throws(() => checkChartTarget(photo), refused);
  const figure = path.join(dir, 'figure.svg');
  writeFileSync(figure, '<svg xmlns="http://www.w3.org/2000/svg"/>');
  assert.throws(() => checkChartTarget(figure), refused);
  // marked: replaceable; not there, or empty: nothing to lose
  const ours = path.join(dir, 'ours.png');
  writeFileSync(ours, markPng(png));
  checkChartTarget(ours);
  writeFileSync(figure, markSvg('<svg xmlns="http://www.w3.org/2000/svg"/>'));
  checkChartTarget(figure);
  checkChartTarget(path.join(dir, 'absent.svg'));
  // the chunk: after IHDR, length 17, 'tEXt', 'Software\0backprop', its CRC-32 (zlib's, over type and data)
  const marked = readFileSync(ours);
  assert.equal(marked.readUInt32BE(33), 17);
  assert.equal(marked.subarray(37, 58).toString('latin1'), 'tEXtSoftware\u0000backprop');
  assert.equal(marked.readUInt32BE(58), 0x791f1d9e);
  assert.equal(marked.length, png.length + 4 + 4 + 17 + 4);
});


test('exported functions given null, text for bytes or a number for a spec say which argument and what it must be, never a TypeError from inside', async () => {
  const L = await import('../../src/node.js');
  const { OptionError: OE, ShapeError: SE } = L;
  const cases: [string, () => unknown, RegExp][] = [
    ['metricsJson', () => L.metricsJson(null as never), /^metricsJson: e must be an Evaluation \(from evaluate or Model\.evaluate\), got null$/],
    ['diagnoseTraining', () => L.diagnoseTraining(null as never), /^diagnoseTraining: run must be the numbers of a run/],
    ['diagnoseTraining history', () => L.diagnoseTraining({} as never), /^diagnoseTraining: run\.history must be a History/],
    ['Model.fromNetwork', () => L.Model.fromNetwork(null as never), /^Model\.fromNetwork: network must be a Network .*got null$/],
    ['modelToJson', () => L.modelToJson(undefined as never), /^modelToJson: model must be a Model .*got undefined$/],
    ['csvTextFromBytes', () => L.csvTextFromBytes('a,b\n1,2' as never), /^csvTextFromBytes: bytes must be bytes \(a Uint8Array or Buffer\), got a string \(text is already decoded: parse it directly\)$/],
    ['parseJsonBytes', () => L.parseJsonBytes(5 as never, () => { throw new Error('x'); }), /^parseJsonBytes: bytes must be bytes/],
    ['parseJsonBytes fail', () => L.parseJsonBytes(new Uint8Array([0x7b, 0x7d]), undefined as never), /^parseJsonBytes: fail must be a function/],
    ['applyStandardize', () => L.applyStandardize(null as never, L.Matrix.zeros(2, 2)), /^applyStandardize: s must be \{ mean, std \}/],
    ['checkChartTarget', () => L.checkChartTarget(5 as never), /^checkChartTarget: file must be a file name \(a non-empty string\), got a number$/],
  ];
  for (const [name, fn, pattern] of cases) {
    assert.throws(fn, (e: unknown) => (e instanceof OE || e instanceof SE) && pattern.test((e as Error).message), name);
  }
  await assert.rejects(L.writeChart(null as never, {} as never), (e: unknown) => e instanceof OE && /^writeChart: file must be a file name/.test((e as Error).message));
  await assert.rejects(L.writeChart(path.join(dir, 'x.svg'), null as never), (e: unknown) => e instanceof OE && /^writeChart: spec must be a Vega-Lite specification/.test((e as Error).message));
  await assert.rejects(L.renderSvg(null as never), (e: unknown) => e instanceof OE && /^renderSvg: spec must be/.test((e as Error).message));
  await assert.rejects(L.svgToPng(5 as never), (e: unknown) => e instanceof OE && /^svgToPng: svg must be SVG text/.test((e as Error).message));
});

test('numbers that would make every output NaN are refused where they enter: a std of 0 given to applyStandardize, a NaN weight given to setWeights', async () => {
  const L = await import('../../src/node.js');
  const X = L.Matrix.from([[1, 2], [3, 4]]);
  assert.throws(() => L.applyStandardize({ mean: [0, 0], std: [0, 1] }, X), /^DataError: applyStandardize: std\[0\] must be a finite number > 0 \(x is divided by it\), got 0$/);
  assert.throws(() => L.applyStandardize({ mean: [0, Number.NaN], std: [1, 1] }, X), /^DataError: applyStandardize: mean\[1\] must be a finite number, got NaN$/);
  assert.throws(() => L.applyStandardize({ mean: [0, 0], std: [1] }, X), /standardization has 1 std values/);
  assert.throws(() => L.applyStandardize({ mean: [0, 0], std: [1, 1] }, X, L.Matrix.zeros(3, 3)), /^ShapeError: applyStandardize: out must be a 2 x 2 Matrix like X, got 3 x 3$/);
  assert.deepEqual([...L.applyStandardize({ mean: [1, 3], std: [1, 2] }, X).data], [0, 1, 0, 0.5]);
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  assert.throws(() => net.setWeights([{ W: [[1, 1], [1, Number.POSITIVE_INFINITY], [1, 1]], b: [0, 0, 0] }, { W: [[1, 1, 1]], b: [0] }]),
    /^DataError: setWeights: layer 1 has a non-finite value \(Infinity\) in W\[1\] at row 2, column 2; weights must be finite numbers/);
  assert.throws(() => net.setWeights([{ W: [[1, 1], [1, 1], [1, 1]], b: [0, 0, 0] }, { W: [[1, 1, 1]], b: [Number.NaN] }]), /in b\[2\] at row 1;/);
  // a refused call leaves every layer as it was (layer 1 was set before layer 2 was found wrong)
  assert.ok(net.layers[0]!.W.data.some((v) => v !== 1), 'layer 1 was changed by a refused call');
});

test('a column position is a whole number or its decimal digits: 0x1, 1e0, 1.0 and " 1" are no longer column 1 (the target chosen silently)', () => {
  const text = 'x1,x2,y\n0,0,1\n0,1,0\n1,0,1\n1,1,0\n';
  for (const spec of ['0x1', '1e0', '1.0', ' 1']) {
    assert.throws(() => parseCsv(text, { target: spec }, 'n.csv'), (e: unknown) => e instanceof Error && e.name === 'DataError' && e.message.startsWith(`n.csv: no target column '${spec}'; the columns are: x1, x2, y`), spec);
    assert.throws(() => parseCsv(text, { features: [spec] }, 'n.csv'), /no feature column/, spec);
  }
  for (const spec of ['1', '01', 1] as const) assert.equal(parseCsv(text, { target: spec, task: 'regression' }, 'n.csv').schema.target, 'x1');
});

test('indices and targets out of range are refused where they enter, not turned into NaN or a negative cost', async () => {
  const L = await import('../../src/node.js');
  const data = { X: L.Matrix.from([[1, 2], [3, 4]]), Y: L.Matrix.from([[0, 1]]), task: 'binary' as const };
  for (const bad of [5, -1, 0.5, Number.NaN]) {
    assert.throws(() => L.takeExamples(data as never, [bad]), (e: unknown) => e instanceof RangeError && /^takeExamples: indices\[0\] must be an example index 0\.\.1 \(a whole number\), got /.test(e.message), String(bad));
  }
  assert.throws(() => L.takeExamples(data as never, 'ab' as never), /^OptionError: takeExamples: indices must be an array/);
  assert.deepEqual([...L.takeExamples(data as never, [1, 0]).X.data], [2, 1, 4, 3]);
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
  // it gave -1.449 for a label 7 and NaN for a NaN label
  assert.throws(() => net.evaluateCost(data.X, [0, 7]), /^DataError: Y has 7 at row 1, column 2 \(example 2\), but binaryCrossEntropy needs targets in \[0, 1\]/);
  assert.throws(() => net.evaluateCost(data.X, [0, Number.NaN]), /^DataError: Y has a non-finite value \(NaN\) at row 1, column 2/);
  assert.throws(() => net.costAndProba(data.X, [0, -1]), /^DataError: Y has -1 at row 1/);
  assert.ok(Number.isFinite(net.evaluateCost(data.X, [0, 1])));
});
