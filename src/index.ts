// backprop: dense neural networks from first principles, in the course notation.
// This entry point runs anywhere (Node and browsers); src/node.ts adds files, formats and charts.
export { Matrix, ShapeError, type DType, type FloatArray } from './tensor/matrix.js';
export * as ops from './tensor/ops.js';
export { Random, type RandomState } from './tensor/random.js';
export type { Kernels, Piecewise } from './kernels/kernels.js';
export type { Smooth, StepSpec, ResidentStep, Dropout, UpdateRule, Uniform } from './kernels/step.js';
export type { WasmSource, CompiledWasm, KernelWorker, NodeKernelWorker, StartWorker } from './kernels/wasm/sources.js';
export { registerBackend, setBackend, getBackend, listBackends } from './kernels/registry.js';
export { initBackend, useFastestBackend, stopBackendThreads, type BackendChoice, type BackendOptions } from './kernels/init.js';
export { getActivation, sigmoidScalar, ACTIVATION_NAMES, SELU_ALPHA, SELU_SCALE, type Activation, type ActivationName, type ActivationSpec } from './nn/activations.js';
export { getLoss, usesCombinedGradient, LOSS_NAMES, LOSS_ALIASES, type Loss, type LossAlias, type LossName } from './nn/losses.js';
export { initScale, defaultInit, INIT_NAMES, INIT_FORMULAS, DEFAULT_INIT_TEXT, type InitName } from './nn/initializers.js';
export { type Regularization } from './nn/regularizers.js';
export { Network, DenseLayer, type NetworkOptions, type NetworkJson, type LayerSpec, type BackwardOptions } from './nn/network.js';
export { gradientCheck, costFunction, defaultEpsilon, type GradientCheckOptions, type GradientCheckResult, type ParameterCheck, type EntryCheck, type DifferenceOrder } from './nn/gradcheck.js';
export { type BackwardTrace, type BackwardTraceOptions, type LayerBackward, type CheckedEntry } from './nn/backward-trace.js';
export { createOptimizer, GradientDescent, Momentum, RMSprop, Adam, OPTIMIZER_NAMES, type Optimizer, type OptimizerName, type OptimizerOptions, type OptimizerState } from './optim/optimizers.js';
export { learningRateAt, type Schedule } from './optim/schedules.js';
export { fit, fitAsync, type FitOptions, type BatchOrder, type LearningRateFunction, type AsyncFitOptions, type History, type EpochInfo, type BatchInfo, type EarlyStopping } from './train/fit.js';
export { type Oscillation, type OscillationOptions } from './train/oscillation.js';
export { type Plateau, type PlateauOptions, type LayerUnits } from './train/plateau.js';
export { type Evaluation } from './train/predict.js';
export { type ClassificationReport } from './metrics/classification.js';
export { type MultilabelReport } from './metrics/multilabel.js';
export { type RegressionReport } from './metrics/regression.js';
export { synthetic, describeSynthetic, SYNTHETIC_NAMES, type Dataset, type SyntheticOptions } from './data/synthetic.js';
export { DataError, ModelFileError, OptionError, OutputError, StorageError, DivergenceError, StateError, NetworkError } from './errors.js';
export { MissingDependencyError, PermissionError } from './errors.js';
export { modelToJson, MODEL_FORMAT, MODEL_VERSION, type ModelJson, type LayerJson } from './io/model-json.js';
export { modelFromJson } from './model/model.js';
export { modelDocument } from './io/model-document.js';
export { Model, type ModelMeta, type PredictOptions, type TrainingRecord } from './model/model.js';
export { trainModel } from './model/train-model.js';
export { OPTIMIZER_CHOICES, type TrainSpec, type TrainData, type TrainHooks, type TrainResult, type OptimizerChoice, type OutputActivation } from './model/spec.js';
export { MAX_EPOCHS } from './model/resolve-spec.js';
export { outputLayerFor, TASKS, type Task, type OutputLayer } from './model/task.js';
export { applyStandardize, networkInput, checkPreprocessing, type Preprocessing, type Standardize, type TargetScale } from './model/preprocessing.js';
export { type RawInput, type RawRows, type RawCell, type CsvTable } from './model/raw-input.js';
export { metricsJson } from './metrics/summary.js';
export { diagnoseTraining, DIAGNOSIS_LIMITS, type Finding, type FindingKind, type RunNumbers } from './metrics/diagnosis.js';
export type { DataSchema, DataFormat } from './data/schema.js';
export { trainTestSplit, type SplitOptions } from './data/split.js';
export { csvTextFromBytes, CSV_ENCODINGS, type CsvEncoding } from './data/csv-bytes.js';
export { parseJsonBytes } from './util/json-text.js';
export { parseCsv, csvHeader, MISSING_VALUES, MAX_CLASSES, type CsvOptions, type CsvApplyOptions, type CsvSchema, type CsvResult } from './data/csv.js';
export type { TargetSpec } from './data/csv-targets.js';
export type { RunStart } from './model/spec.js';
export type { PlaygroundSchema } from './data/schema.js';
// the playground's features of a point (x1, x2): a model the page exports reads raw points with them
export { PLAYGROUND_FEATURES, PLAYGROUND_FEATURE_NAMES, playgroundFeatureMatrix, type PlaygroundFeature } from './data/playground-features.js';
// the search space and the grid sampler of tune() are pure: the playground's sweeps use them in a browser
export { choice, intRange, floatRange, type Dimension, type ChoiceDimension, type RangeDimension, type SearchSpace, type Params, type ParamValue } from './tune/space.js';
export { GridSampler } from './tune/samplers/grid.js';

// functions whose arguments are checked by kind on entry (util/guard.ts): an OptionError naming the argument, never a TypeError from inside
import { guarded } from './util/guard.js';
import { accuracy as accuracyUnchecked, confusionMatrix as confusionMatrixUnchecked, classificationReport as classificationReportUnchecked } from './metrics/classification.js';
import { regressionReport as regressionReportUnchecked } from './metrics/regression.js';
import { multilabelReport as multilabelReportUnchecked } from './metrics/multilabel.js';
import { addPenaltyGradient as addPenaltyGradientUnchecked, penaltyCost as penaltyCostUnchecked } from './nn/regularizers.js';
import { backwardReport as backwardReportUnchecked } from './nn/backward-report.js';
import { backwardTrace as backwardTraceUnchecked } from './nn/backward-trace.js';
import { float64Copy as float64CopyUnchecked } from './nn/float64-copy.js';
import { classCount as classCountUnchecked, inferTask as inferTaskUnchecked, outputMismatch as outputMismatchUnchecked } from './model/task.js';
import { classesOf as classesOfUnchecked, labelsOf as labelsOfUnchecked, predictClasses as predictClassesUnchecked, evaluate as evaluateUnchecked } from './train/predict.js';
import { unitActivity as unitActivityUnchecked, detectPlateau as detectPlateauUnchecked } from './train/plateau.js';
import { detectOscillation as detectOscillationUnchecked } from './train/oscillation.js';
import { fillMissingMeans as fillMissingMeansUnchecked } from './data/csv.js';
import { fitStandardize as fitStandardizeUnchecked, fitTargetScale as fitTargetScaleUnchecked } from './model/preprocessing.js';
import { gradientsAgree as gradientsAgreeUnchecked, numericPartial as numericPartialUnchecked } from './nn/gradcheck.js';
import { initializeWeights as initializeWeightsUnchecked } from './nn/initializers.js';
import { labelIndices as labelIndicesUnchecked, plainCsvSchema as plainCsvSchemaUnchecked } from './model/raw-input.js';
import { scaleAdvice as scaleAdviceUnchecked } from './model/build-network.js';
import { takeExamples as takeExamplesUnchecked } from './data/split.js';
/** The share of examples whose predicted class index is the true one. */
export const accuracy = /* @__PURE__ */ guarded('accuracy', ['yTrue: classIndices', 'yPred: classIndices'], accuracyUnchecked);
/** numClasses x numClasses counts: row = true class, column = predicted class. */
export const confusionMatrix = /* @__PURE__ */ guarded('confusionMatrix', ['yTrue: classIndices', 'yPred: classIndices', 'numClasses: number'], confusionMatrixUnchecked);
/** Accuracy, per-class accuracy, confusion matrix and per-class precision, recall and F1. */
export const classificationReport = /* @__PURE__ */ guarded('classificationReport', ['yTrue: classIndices', 'yPred: classIndices', 'numClasses: number'], classificationReportUnchecked);
/** yTrue and yPred are outputs x m, row-major (one row per output). */
export const regressionReport = /* @__PURE__ */ guarded('regressionReport', ['yTrue: values', 'yPred: values', 'outputs?: number'], regressionReportUnchecked);
/** Multi-label metrics of k x m 0/1 truth and predictions (subset accuracy, Hamming loss, per label, micro/macro/samples averages), as sklearn.metrics. */
export const multilabelReport = /* @__PURE__ */ guarded('multilabelReport', ['yTrue: values', 'yPred: values', 'k: number'], multilabelReportUnchecked);
/** dW += the penalty's gradient, in place. */
export const addPenaltyGradient = /* @__PURE__ */ guarded('addPenaltyGradient', ['dW: matrix', 'W: matrix', 'reg: object', 'm: number'], addPenaltyGradientUnchecked);
/** The penalty added to the cost for one weight matrix over a batch of m examples. */
export const penaltyCost = /* @__PURE__ */ guarded('penaltyCost', ['W: matrix', 'reg: object', 'm: number'], penaltyCostUnchecked);
/** The lines `backprop inspect --backward` prints for a backwardTrace: each layer's dZ, dW, db, dA with their numbers and finite-difference checks. */
export const backwardReport = /* @__PURE__ */ guarded('backwardReport', ['trace: object', 'loss: string', 'what: string'], backwardReportUnchecked);
/** The backward pass of `source` (copied to float64) on X, Y, with finite-difference checks. */
export const backwardTrace = /* @__PURE__ */ guarded('backwardTrace', ['source: network', 'X: matrix', 'Y: labels', 'options?: object'], backwardTraceUnchecked);
/** A float64 copy of a network (its own buffers), optionally with other regularization. */
export const float64Copy = /* @__PURE__ */ guarded('float64Copy', ['source: network', 'reg?: object'], float64CopyUnchecked);
/** The number of classes an output layer gives: 2 for one sigmoid unit, else its units. */
export const classCount = /* @__PURE__ */ guarded('classCount', ['out: object'], classCountUnchecked);
/** The task an output layer implies: softmax -> multiclass, one sigmoid unit -> binary, else regression. */
export const inferTask = /* @__PURE__ */ guarded('inferTask', ['out: object'], inferTaskUnchecked);
/**
 * Why an output layer and loss cannot serve the task (undefined when they can): a classifier needs
 * probabilities (sigmoid or softmax) and a cross-entropy or squared-error loss on them; a
 * regression model needs linear (or sigmoid, for targets in [0, 1]) units; classes must match the units.
 */
export const outputMismatch = /* @__PURE__ */ guarded('outputMismatch', ['task: string', 'out: object', 'loss?: string', 'classes?: array'], outputMismatchUnchecked);
/** Class index per column of A[L]: A > 0.5 for one row (a sigmoid unit), the argmax over the rows otherwise. */
export const classesOf = /* @__PURE__ */ guarded('classesOf', ['A: matrix'], classesOfUnchecked);
/** True class indices from Y given as 1 x m indices / 0-1 labels, or as one-hot columns. */
export const labelsOf = /* @__PURE__ */ guarded('labelsOf', ['Y: labels'], labelsOfUnchecked);
/** Class index per example: A > 0.5 for one sigmoid unit, argmax over the outputs otherwise. */
export const predictClasses = /* @__PURE__ */ guarded('predictClasses', ['net: network', 'X: matrix'], predictClassesUnchecked);
/**
 * Cost and the metrics that fit the task: classification for sigmoid/softmax outputs, regression
 * otherwise. Give the task when known: a sigmoid output can also predict a regression target in [0, 1].
 */
export const evaluate = /* @__PURE__ */ guarded('evaluate', ['net: network', 'X: matrix', 'Y: labels', 'task?: string'], evaluateUnchecked);
/**
 * Every hidden layer's count of units that cannot learn on the examples X (one column each): dead
 * ReLU units (output 0 for every example) and saturated sigmoid or tanh units (slope below
 * `flat`, default 1% of its largest, for every example). Runs one forward pass of X.
 *
 *     for (const u of unitActivity(net, X)) if (u.dead) console.log(`layer ${u.l}: ${u.dead} of ${u.units} ReLU units are dead`);
 */
export const unitActivity = /* @__PURE__ */ guarded('unitActivity', ['net: network', 'X: matrix', 'flat?: number'], unitActivityUnchecked);
/**
 * Whether a series of per-epoch losses has stayed at its first value: the Plateau, or undefined.
 * Start the series with the loss of the fresh network (or the loss when a setting last changed);
 * it needs `window` more losses after that one. Losses that are not finite make it undefined (that
 * is divergence, which fit reports itself), and so does a first loss of 0 (nothing left to learn).
 *
 *     const history = fit(net, X, Y, { epochs: 100, learningRate: 1e-5 });
 *     const p = detectPlateau(history.cost);
 *     if (p) console.warn(`${p.message} Try a larger learning rate.`);
 */
export const detectPlateau = /* @__PURE__ */ guarded('detectPlateau', ['losses: numbers', 'options?: object'], detectPlateauUnchecked);
/**
 * Whether a series of per-epoch losses oscillates at its end instead of decreasing: the
 * Oscillation, or undefined. Start the series with the loss of the fresh network (or use
 * history.cost of fit, whose first entry is the first epoch's). Losses that are not finite make it
 * undefined: that is divergence, which fit reports itself.
 *
 *     const history = fit(net, X, Y, { epochs: 200, learningRate: 10 });
 *     const o = detectOscillation(history.cost);
 *     if (o) console.warn(`${o.message} Try a smaller learning rate.`);
 */
export const detectOscillation = /* @__PURE__ */ guarded('detectOscillation', ['losses: numbers', 'options?: object'], detectOscillationUnchecked);
/**
 * Fill the cells left NaN by deferMissing: each number feature's mean over the training rows of
 * `train` (its rows of X, n_x x m), stored in the schema (so evaluate and predict fill the same)
 * and written into `train` and every matrix of `others` (test, validation).
 */
export const fillMissingMeans = /* @__PURE__ */ guarded('fillMissingMeans', ['schema: object', 'train: matrix', 'others?: array'], fillMissingMeansUnchecked);
/** Learn x' = (x - mean) / std per feature (row of X, n_x x m) from the training rows. */
export const fitStandardize = /* @__PURE__ */ guarded('fitStandardize', ['X: matrix'], fitStandardizeUnchecked);
/** Mean and population std of a 1 x m target (std 0 read as 1), as standardization fits them. */
export const fitTargetScale = /* @__PURE__ */ guarded('fitTargetScale', ['Y: matrix'], fitTargetScaleUnchecked);
/**
 * The verdict: the course's whole-vector relative error below `threshold` and every parameter matrix
 * below it too, except that a matrix (or the whole check) whose every |g - g̃| is below
 * `absoluteThreshold` agrees whatever its ratio: tiny, correct gradients over rounding noise give a
 * large ratio, and a wrong gradient shows as a difference above the noise.
 */
export const gradientsAgree = /* @__PURE__ */ guarded('gradientsAgree', ['result: object', 'threshold?: number', 'absoluteThreshold?: number'], gradientsAgreeUnchecked);
/** The centred finite difference of J with respect to entry k of P (P is restored afterwards). */
export const numericPartial = /* @__PURE__ */ guarded('numericPartial', ['J: function', 'P: matrix', 'k: number', 'eps: number', 'order: number'], numericPartialUnchecked);
/** Fill W (n[l] x n[l-1]) in row-major order, one draw per element, as numpy's randn(n, n_prev) does. */
export const initializeWeights = /* @__PURE__ */ guarded('initializeWeights', ['W: matrix', 'init: string', 'rng: object'], initializeWeightsUnchecked);
/** Labels as a 1 x m matrix of class indices (by class name; numbers compare as numbers) or target values. */
export const labelIndices = /* @__PURE__ */ guarded('labelIndices', ['labels: array', 'task: string', 'classes?: array'], labelIndicesUnchecked);
/**
 * For a model without a CSV schema (built-in set, hand-written, imported): every column is a
 * number feature, plus the label as the last column when there is one more column than inputs.
 * A first line with any cell that is not a number is a header.
 */
export const plainCsvSchema = /* @__PURE__ */ guarded('plainCsvSchema', ['headerLine: string', 'inputSize: number', 'options?: object'], plainCsvSchemaUnchecked);
/** What is badly scaled in the training set (the largest feature value, a regression target's spread), if anything. */
export const scaleAdvice = /* @__PURE__ */ guarded('scaleAdvice', ['data: dataset'], scaleAdviceUnchecked);
/** The examples at the given indices (columns of X and Y), as a new Dataset. */
export const takeExamples = /* @__PURE__ */ guarded('takeExamples', ['data: dataset', 'indices: numbers', 'name?: string'], takeExamplesUnchecked);
export { formatNumber } from './util/number-text.js';
