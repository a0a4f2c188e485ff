// backprop: dense neural networks from first principles, in the course notation.
// This entry point runs anywhere (Node and browsers); src/node.ts adds files, formats and charts.
export { Matrix, ShapeError, type DType, type FloatArray } from './tensor/matrix.js';
export * as ops from './tensor/ops.js';
export { Random } from './tensor/random.js';
export type { Kernels, Piecewise } from './kernels/kernels.js';
export type { WasmSource, CompiledWasm, KernelWorker, StartWorker } from './kernels/wasm/sources.js';
export { registerBackend, setBackend, getBackend, listBackends } from './kernels/registry.js';
export { initBackend, useFastestBackend, stopBackendThreads, type BackendChoice, type BackendOptions } from './kernels/init.js';
export { getActivation, sigmoidScalar, ACTIVATION_NAMES, SELU_ALPHA, SELU_SCALE, type Activation, type ActivationName, type ActivationSpec } from './nn/activations.js';
export { getLoss, usesCombinedGradient, LOSS_NAMES, type Loss, type LossName } from './nn/losses.js';
export { initScale, initializeWeights, defaultInit, INIT_NAMES, type InitName } from './nn/initializers.js';
export { penaltyCost, addPenaltyGradient, type Regularization } from './nn/regularizers.js';
export { Network, DenseLayer, type NetworkOptions, type LayerSpec } from './nn/network.js';
export { gradientCheck, type GradientCheckOptions, type GradientCheckResult, type ParameterCheck } from './nn/gradcheck.js';
export { createOptimizer, GradientDescent, Momentum, RMSprop, Adam, OPTIMIZER_NAMES, type Optimizer, type OptimizerName, type OptimizerOptions } from './optim/optimizers.js';
export { learningRateAt, type Schedule } from './optim/schedules.js';
export { fit, type FitOptions, type History, type EpochInfo, type BatchInfo, type EarlyStopping } from './train/fit.js';
export { predictClasses, labelsOf, evaluate, type Evaluation } from './train/predict.js';
export { accuracy, confusionMatrix, classificationReport, type ClassificationReport } from './metrics/classification.js';
export { regressionReport, type RegressionReport } from './metrics/regression.js';
export { synthetic, describeSynthetic, SYNTHETIC_NAMES, type Dataset, type SyntheticOptions } from './data/synthetic.js';
export { DataError, ModelFileError, OptionError, OutputError, DivergenceError } from './errors.js';
export { MissingDependencyError } from './errors.js';
export { modelToJson, modelFromJson, taskOf, MODEL_FORMAT, MODEL_VERSION, type ModelJson, type ModelMeta, type LayerJson, type Task } from './io/model-json.js';
export { fitPreprocessing, applyPreprocessing, standardize, parsePreprocessing, type Preprocessing, type PreprocessingMethod } from './data/preprocess.js';
export { trainTestSplit, takeExamples, type SplitOptions } from './data/split.js';
