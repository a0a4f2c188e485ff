// The Node entry point of backprop: everything in index.ts, plus reading data files, saving and
// loading model files, ONNX and TensorFlow.js interchange, downloads and charts.
export * from './index.js';
export { saveModel, loadModel } from './io/model-file.js';
export { writeFileAtomic, writeFilesAtomic, makeDirectory, removeStaleTemporaries } from './io/write-file.js';
export { loadDataset, detectFormat, type LoadOptions, type LoadResult } from './data/load.js';
export { readCsv, readCsvText, parseCsv, MISSING_VALUES, type CsvOptions, type CsvApplyOptions, type CsvSchema, type CsvResult } from './data/csv-file.js';
export type { CsvTask, CsvFeature, MissingPolicy } from './data/csv.js';
export { readIdx, labelFileCandidates, IDX_CLASSES, type IdxOptions } from './data/idx.js';
export { readHdf5, isHdf5File, type Hdf5Options } from './data/hdf5.js';
export { loadImageFolder, loadImageAsColumn, decodeImage, resizeBilinear, IMAGE_EXTENSIONS } from './data/images.js';
export type { ImageFolderOptions, ImageSchema, Rgba } from './data/images.js';
export { fetchDataset, REMOTE_DATASETS, defaultCacheDir, type RemoteDataset, type RemoteFile } from './data/fetch.js';
export { networkToOnnx, onnxToModel, saveOnnx, loadOnnx, ONNX_IR_VERSION, ONNX_OPSET } from './io/onnx.js';
export type { ExportOptions as OnnxExportOptions } from './io/onnx.js';
export { networkToTfjs, tfjsToModel, saveTfjs, loadTfjs, type TfjsModelJson } from './io/tfjs.js';
export type { ExportOptions as TfjsExportOptions, TfjsLayer, TfjsWeightSpec } from './io/tfjs.js';
export { type ImportOptions, type LinearPreprocessing } from './io/interop.js';
export { renderSvg, svgToPng, writeChart, checkChartTarget } from './plot/render.js';
export { costCurveSpec } from './plot/cost-curve.js';
export type { ChartSpec } from './plot/spec.js';
export { decisionBoundarySpec, type BoundaryOptions } from './plot/decision-boundary.js';
export { gradientNormsSpec } from './plot/gradient-norms.js';
export type { CsvFileOptions } from './data/csv-file.js';
// hyperparameter tuning (worker threads and journal files: Node only)
export { tune, type TuneOptions, type TuneSpec, type StudyResult } from './tune/tune.js';
export { retrainBest } from './tune/retrain.js';
export { RandomSampler } from './tune/samplers/random.js';
export { TpeSampler, type TpeOptions } from './tune/samplers/tpe.js';
export type { Sampler, SamplerContext } from './tune/samplers/sampler.js';
export { AshaPruner, type AshaOptions } from './tune/pruners/asha.js';
export { noPruner, type Pruner } from './tune/pruners/pruner.js';
export { JournalStorage } from './tune/storage/journal.js';
export { PostgresStorage, type PostgresOptions } from './tune/storage/postgres.js';
export { MemoryStorage } from './tune/storage/memory.js';
export type { StudyStorage, StudyHeader, TrialClaim, TrialEnd } from './tune/storage/storage.js';
export { kFolds, kFoldIndices } from './tune/folds.js';
export { OBJECTIVE_NAMES, type ObjectiveName } from './tune/objective.js';
export type { Trial, TrialState } from './tune/trial.js';
