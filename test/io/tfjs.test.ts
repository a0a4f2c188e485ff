import { Model } from '../../src/model/model.js';
// TF.js Layers export checked by @tensorflow/tfjs (pure JS, cpu backend) against backprop, and import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelFileError, OptionError } from '../../src/index.js';
import { networkToTfjs, saveTfjs, loadTfjs, tfjsToModel, type TfjsModelJson } from '../../src/io/tfjs.js';
import { CASES, backpropRows, maxAbsDiff, randomNet, randomPrep, randomRows, type Prep } from './helpers.js';

const M = 16;

/** Load model.json + weights with tf.io.fromMemory and predict rows. */
async function tfjsPredict(modelJson: TfjsModelJson, weights: Uint8Array, rows: Float32Array, n: number): Promise<Float32Array> {
  const model = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: modelJson.modelTopology as unknown as tf.io.ModelJSON['modelTopology'],
    weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
  }));
  const x = tf.tensor2d(rows, [rows.length / n, n]);
  const y = model.predict(x) as tf.Tensor;
  const out = y.dataSync() as Float32Array;
  tf.dispose([x, y]);
  model.dispose();
  return out;
}

for (const [k, c] of CASES.entries()) {
  for (const prepKind of ['none', 'standardize', 'standardize + scale'] as const) {
    test(`tf.loadLayersModel gives backprop's predictions: ${c.name}, preprocessing ${prepKind}`, async () => {
      const net = randomNet(c.inputSize, c.layers, 10 + k);
      const prep: Prep | undefined = prepKind === 'none' ? undefined : randomPrep(c.inputSize, 20 + k, prepKind === 'standardize' ? undefined : 0.5);
      const rows = prep ? randomRows(M, c.inputSize, 30 + k, 2, 4) : randomRows(M, c.inputSize, 30 + k);
      const { modelJson, weights } = networkToTfjs(Model.fromNetwork(net, { preprocessing: prep }));
      const want = backpropRows(net, rows, prep);
      const got = await tfjsPredict(modelJson, weights, rows, c.inputSize);
      assert.ok(maxAbsDiff(got, want) < 1e-5, `max abs difference ${maxAbsDiff(got, want)}`);

      // round trip: identical predictions, preprocessing included
      const back = tfjsToModel(JSON.parse(JSON.stringify(modelJson)), () => weights, 'model.json');
      assert.deepEqual(back.meta.preprocessing, prep);
      assert.equal(maxAbsDiff(backpropRows(back.net, rows, back.meta.preprocessing as Prep | undefined), want), 0);
    });
  }
}

test('saveTfjs writes model.json + weights.bin that a file IO handler loads; loadTfjs reads them back', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'backprop-tfjs-'));
  try {
    const net = randomNet(3, [[4, { name: 'leakyRelu', alpha: 0.2 }], [3, 'softmax']], 3);
    const prep = randomPrep(3, 4);
    await saveTfjs(dir, Model.fromNetwork(net, { preprocessing: prep, classes: ['a', 'b', 'c'] }));
    const handler: tf.io.IOHandler = {
      async load() {
        const doc = JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8'));
        const bin = await fs.readFile(path.join(dir, doc.weightsManifest[0].paths[0]));
        return {
          modelTopology: doc.modelTopology,
          weightSpecs: doc.weightsManifest[0].weights,
          weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
          userDefinedMetadata: doc.userDefinedMetadata,
        };
      },
    };
    const model = await tf.loadLayersModel(handler);
    const rows = randomRows(8, 3, 5, 1, 3);
    const y = model.predict(tf.tensor2d(rows, [8, 3])) as tf.Tensor;
    assert.ok(maxAbsDiff(y.dataSync(), backpropRows(net, rows, prep)) < 1e-5);
    model.dispose();
    const back = await loadTfjs(dir);
    assert.deepEqual(back.meta.classes, ['a', 'b', 'c']);
    assert.equal(back.meta.task, 'multiclass');
    assert.equal(maxAbsDiff(backpropRows(back.net, rows, back.meta.preprocessing as Prep), backpropRows(net, rows, prep)), 0);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('import of a model built and saved by TF.js itself (Dense, Activation, LeakyReLU, Dropout, ELU)', async () => {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 5, inputShape: [4], activation: 'relu', biasInitializer: 'randomNormal' }),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: 4, biasInitializer: 'randomNormal' }),
      tf.layers.leakyReLU({ alpha: 0.1 }),
      tf.layers.dense({ units: 3 }),
      tf.layers.elu(),
      tf.layers.dense({ units: 3 }),
      tf.layers.activation({ activation: 'softmax' }),
    ],
  });
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => { saved = artifacts; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
  const weightData = new Uint8Array(saved!.weightData as ArrayBuffer);
  const doc = { modelTopology: saved!.modelTopology, weightsManifest: [{ paths: ['w.bin'], weights: saved!.weightSpecs }] };
  const { net, meta } = tfjsToModel(doc, () => weightData, 'tfjs-made.json');
  assert.equal(net.describe(), '4-5(relu)-4(leakyRelu)-3(elu)-3(softmax)');
  assert.equal(meta.task, 'multiclass');
  const rows = randomRows(10, 4, 9);
  const y = model.predict(tf.tensor2d(rows, [10, 4])) as tf.Tensor;
  assert.ok(maxAbsDiff(y.dataSync(), backpropRows(net, rows)) < 1e-5);
  model.dispose();
});

test('a TF.js model with a Conv2D layer is refused, naming the class', () => {
  const doc = {
    modelTopology: { class_name: 'Sequential', config: { name: 's', layers: [
      { class_name: 'Conv2D', config: { name: 'conv2d_1', filters: 2, kernel_size: [3, 3], batch_input_shape: [null, 8, 8, 1] } },
      { class_name: 'Dense', config: { name: 'dense_1', units: 1 } },
    ] } },
    weightsManifest: [],
  };
  assert.throws(() => tfjsToModel(doc, () => new Uint8Array(), 'conv.json'), (e: Error) => e instanceof ModelFileError && /unsupported TF\.js layer class 'Conv2D'/.test(e.message) && /conv2d_1/.test(e.message));
});

test('elu with alpha other than 1 cannot be written as TF.js', () => {
  const net = randomNet(2, [[3, { name: 'elu', alpha: 0.5 }], [1, 'sigmoid']], 1);
  assert.throws(() => networkToTfjs(Model.fromNetwork(net)), (e: Error) => e instanceof OptionError && /layer 1/.test(e.message));
});

test('a TF.js model whose topology and weights disagree is refused: units edited, weight files longer than the manifest, a NaN weight named NaN (they imported, or said "(null)")', () => {
  const net = randomNet(2, [[3, 'tanh'], [1, 'sigmoid']], 7);
  const { modelJson, weights } = networkToTfjs(Model.fromNetwork(net));
  const doc = () => JSON.parse(JSON.stringify(modelJson)) as { modelTopology: { config: { layers: { config: { units: number } }[] } } };
  const edited = doc();
  edited.modelTopology.config.layers[0]!.config.units = 8;
  assert.throws(() => tfjsToModel(edited, () => weights, 'm.json'), (e: Error) => e instanceof ModelFileError && /"units" is 8 but its kernel has 3 columns \(shape \[2, 3\]\)/.test(e.message));
  const longer = new Uint8Array(weights.length + 8);
  longer.set(weights);
  assert.throws(() => tfjsToModel(doc(), () => longer, 'm.json'), (e: Error) => e instanceof ModelFileError && new RegExp(`${longer.length} bytes, but the weights of the manifest take ${weights.length}`).test(e.message));
  const nan = weights.slice();
  new DataView(nan.buffer).setFloat32(0, NaN, true);
  assert.throws(() => tfjsToModel(doc(), () => nan, 'm.json'), (e: Error) => e instanceof ModelFileError && /is not a finite number \(NaN\)/.test(e.message));
  tfjsToModel(doc(), () => weights, 'm.json');
});

test('a TF.js model whose topology leaves a weight of the manifest unused is refused: use_bias false over a bias, a Dense layer deleted from the topology (it imported, the weight dropped)', () => {
  const net = randomNet(2, [[3, 'tanh'], [3, 'tanh'], [1, 'sigmoid']], 8);
  const { modelJson, weights } = networkToTfjs(Model.fromNetwork(net));
  type Layers = { class_name: string; config: { name: string; use_bias?: boolean; units?: number } }[];
  const doc = () => JSON.parse(JSON.stringify(modelJson)) as { modelTopology: { config: { layers: Layers } } };
  const noBias = doc();
  const dense = noBias.modelTopology.config.layers.find((l) => l.class_name === 'Dense')!;
  dense.config.use_bias = false;
  assert.throws(() => tfjsToModel(noBias, () => weights, 'm.json'), (e: Error) => e instanceof ModelFileError
    && new RegExp(`^m\\.json: layer '${dense.config.name}' \\(Dense\\): "use_bias" is false, but the weights manifest holds a bias for it \\('${dense.config.name}/bias'\\); the topology and the weights disagree$`).test(e.message));
  // the second of two 2-unit hidden layers taken out of the topology: the rest still chains, its weights stay in the manifest
  const square = randomNet(2, [[2, 'tanh'], [2, 'tanh'], [1, 'sigmoid']], 9);
  const sq = networkToTfjs(Model.fromNetwork(square));
  const cut = JSON.parse(JSON.stringify(sq.modelJson)) as { modelTopology: { config: { layers: Layers } } };
  const denses = cut.modelTopology.config.layers.filter((l) => l.class_name === 'Dense');
  cut.modelTopology.config.layers = cut.modelTopology.config.layers.filter((l) => l !== denses[1]);
  assert.throws(() => tfjsToModel(cut, () => sq.weights, 'm.json'), /the weights manifest holds '.*kernel', which no layer of the topology uses; the topology and the weights are not of one model/);
});

test('a TF.js model whose input is not one vector per example ([null, 5, 2]) is refused (it was imported as 2 inputs)', () => {
  const net = randomNet(2, [[3, 'relu'], [1, 'sigmoid']], 5);
  const { modelJson, weights } = networkToTfjs(Model.fromNetwork(net));
  const doc = JSON.parse(JSON.stringify(modelJson));
  const first = doc.modelTopology.config.layers[0].config;
  first.batch_input_shape = [null, 5, 2];
  assert.throws(() => tfjsToModel(doc, () => weights, 'm3.json'),
    (e: Error) => e instanceof ModelFileError && e.message === 'm3.json: the input shape is [null, 5, 2]: backprop imports models whose input is one vector per example ([null, n])');
});

test('an exported model whose Rescaling layer was edited imports as TF.js computes it, not as its backprop metadata says (the metadata won: wrong predictions)', async () => {
  const net = randomNet(3, [[4, 'relu'], [2, 'softmax']], 8);
  const prep = randomPrep(3, 9, 0.5);
  const { modelJson, weights } = networkToTfjs(Model.fromNetwork(net, { preprocessing: prep }));
  const rows = randomRows(8, 3, 10, 1, 3);
  const agrees = async (doc: TfjsModelJson) => {
    const back = tfjsToModel(doc, () => weights, 'edited.json');
    const ours = backpropRows(back.net, rows, back.meta.preprocessing as Prep | undefined);
    const theirs = await tfjsPredict(doc, weights, rows, 3);
    assert.ok(maxAbsDiff(ours, theirs) < 1e-5, `max abs difference ${maxAbsDiff(ours, theirs)}`);
    return back;
  };
  const doubled = JSON.parse(JSON.stringify(modelJson));
  const rescaling = doubled.modelTopology.config.layers[0].config;
  rescaling.scale = rescaling.scale.map((s: number) => 2 * s);
  await agrees(doubled);
  // the Rescaling layer taken out (its input shape moved to the first Dense layer)
  const bare = JSON.parse(JSON.stringify(modelJson));
  const [first, ...rest] = bare.modelTopology.config.layers;
  rest[0].config.batch_input_shape = first.config.batch_input_shape;
  bare.modelTopology.config.layers = rest;
  assert.equal((await agrees(bare)).meta.preprocessing, undefined);
});
