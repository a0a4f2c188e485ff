// The Node entry point of backprop: everything in index.ts, plus reading data files, saving and
// loading model files, ONNX and TensorFlow.js interchange, downloads and charts.
// first: on a Node older than "engines", one line says so before any other module runs
import './node-version.js';
export * from './index.js';
export { saveModel, loadModel } from './io/model-file.js';
export { removeStaleTemporaries } from './io/write-file.js';
export { loadDataset, type LoadOptions, type LoadResult } from './data/load.js';
export { parseCsv, MISSING_VALUES, type CsvOptions, type CsvApplyOptions, type CsvSchema, type CsvResult } from './data/csv-file.js';
export type { CsvTask, CsvFeature, MissingPolicy } from './data/csv.js';
export { IDX_CLASSES, type IdxOptions } from './data/idx.js';
export { type Hdf5Options } from './data/hdf5.js';
export { IMAGE_EXTENSIONS } from './data/images.js';
export type { ImageFolderOptions, ImageSchema, Rgba } from './data/images.js';
export { fetchDataset, REMOTE_DATASETS, defaultCacheDir, type RemoteDataset, type RemoteFile } from './data/fetch.js';
export { networkToOnnx, onnxToModel, saveOnnx, loadOnnx, ONNX_IR_VERSION, ONNX_OPSET } from './io/onnx.js';
export type { ExportOptions as OnnxExportOptions } from './io/onnx.js';
export { networkToTfjs, tfjsToModel, saveTfjs, loadTfjs, type TfjsModelJson } from './io/tfjs.js';
export type { ExportOptions as TfjsExportOptions, TfjsLayer, TfjsWeightSpec } from './io/tfjs.js';
export { type ImportOptions, type LinearPreprocessing } from './io/interop.js';
export { renderSvg, svgToPng, writeChart, checkChartTarget } from './plot/render.js';
export type { ChartSpec } from './plot/spec.js';
export { type BoundaryOptions } from './plot/decision-boundary.js';
export type { CsvFileOptions } from './data/csv-file.js';
// hyperparameter tuning (worker threads and journal files: Node only)
export { tune, type TuneOptions, type TuneSpec, type StudyResult } from './tune/tune.js';
export { studyFindings, findingLines, type StudyFindings, type EdgeFinding } from './tune/findings.js';
export { studyTable } from './tune/results-table.js';
export type { SeedSpread } from './tune/seeds.js';
export { RandomSampler } from './tune/samplers/random.js';
export { TpeSampler, type TpeOptions } from './tune/samplers/tpe.js';
export type { Sampler, SamplerContext } from './tune/samplers/sampler.js';
export { AshaPruner, type AshaOptions } from './tune/pruners/asha.js';
export { noPruner, type Pruner } from './tune/pruners/pruner.js';
export { JournalStorage } from './tune/storage/journal.js';
export { PostgresStorage, type PostgresOptions } from './tune/storage/postgres.js';
export { MemoryStorage } from './tune/storage/memory.js';
export type { StudyStorage, StudyHeader, TrialClaim, TrialEnd } from './tune/storage/storage.js';
export { OBJECTIVE_NAMES, type ObjectiveName } from './tune/objective.js';
export type { Trial, TrialState, Direction } from './tune/trial.js';
export type { TrialSpec } from './tune/trainer.js';
export type { StudySummary } from './tune/study.js';
export type { Fold } from './tune/folds.js';
export type { CostCurveExtras } from './plot/cost-curve.js';

// functions whose arguments are checked by kind on entry (util/guard.ts): an OptionError naming the argument, never a TypeError from inside
import { guarded } from './util/guard.js';
import { costCurveSpec as costCurveSpecUnchecked } from './plot/cost-curve.js';
import { gradientNormsSpec as gradientNormsSpecUnchecked } from './plot/gradient-norms.js';
import { decisionBoundarySpec as decisionBoundarySpecUnchecked } from './plot/decision-boundary.js';
import { decodeImage as decodeImageUnchecked, loadImageAsColumn as loadImageAsColumnUnchecked, loadImageFolder as loadImageFolderUnchecked, resizeBilinear as resizeBilinearUnchecked } from './data/images.js';
import { detectFormat as detectFormatUnchecked } from './data/load.js';
import { isHdf5File as isHdf5FileUnchecked, readHdf5 as readHdf5Unchecked } from './data/hdf5.js';
import { labelFileCandidates as labelFileCandidatesUnchecked, readIdx as readIdxUnchecked } from './data/idx.js';
import { makeDirectory as makeDirectoryUnchecked, writeFileAtomic as writeFileAtomicUnchecked, writeFilesAtomic as writeFilesAtomicUnchecked } from './io/write-file.js';
import { readCsv as readCsvUnchecked, readCsvText as readCsvTextUnchecked } from './data/csv-file.js';
import { retrainBest as retrainBestUnchecked } from './tune/retrain.js';
import { kFolds as kFoldsUnchecked, kFoldIndices as kFoldIndicesUnchecked } from './tune/folds.js';
/** A Vega-Lite chart of a training History's cost per epoch (and validation, test cost): draw it with renderSvg or writeChart. */
export const costCurveSpec = /* @__PURE__ */ guarded('costCurveSpec', ['history: history', 'title?: string', 'extras?: object'], costCurveSpecUnchecked);
/** A Vega-Lite chart of the norm of dW[l] per layer per epoch (fit with recordGradientNorms): vanishing or exploding gradients. */
export const gradientNormsSpec = /* @__PURE__ */ guarded('gradientNormsSpec', ['history: history', 'title?: string'], gradientNormsSpecUnchecked);
/** A Vega-Lite chart of a 2-input classifier's decision regions with the labelled points. */
export const decisionBoundarySpec = /* @__PURE__ */ guarded('decisionBoundarySpec', ['net: network', 'X: matrix', 'labels: labels', 'options?: object'], decisionBoundarySpecUnchecked);
/** Decode a PNG or JPEG file to RGBA bytes. */
export const decodeImage = /* @__PURE__ */ guarded('decodeImage', ['path: path'], decodeImageUnchecked);
/** One image file as a (height*width*channels) x 1 column in [0, 1], for predicting. */
export const loadImageAsColumn = /* @__PURE__ */ guarded('loadImageAsColumn', ['path: path', 'width?: number', 'height?: number', 'channels?: number', 'dtype?: string'], loadImageAsColumnUnchecked);
/** Load a folder of class sub-folders of images. */
export const loadImageFolder = /* @__PURE__ */ guarded('loadImageFolder', ['dir: path', 'options?: object'], loadImageFolderUnchecked);
/**
 * Resize RGBA pixels to width x height RGB values in 0..255 (alpha dropped), bilinear with
 * half-pixel centres (as OpenCV's INTER_LINEAR), in (height, width, channel) order.
 */
export const resizeBilinear = /* @__PURE__ */ guarded('resizeBilinear', ['img: object', 'width: number', 'height: number', 'dtype?: string'], resizeBilinearUnchecked);
/** The format a path or name will be read as (no file access beyond existence checks). */
export const detectFormat = /* @__PURE__ */ guarded('detectFormat', ['pathOrName: string'], detectFormatUnchecked);
/** True when the file has the HDF5 signature (at 0 or after a user block of 512, 1024, ... bytes). */
export const isHdf5File = /* @__PURE__ */ guarded('isHdf5File', ['path: path'], isHdf5FileUnchecked);
/** Read an HDF5 file of images (or any examples) and labels. */
export const readHdf5 = /* @__PURE__ */ guarded('readHdf5', ['path: path', 'options?: object'], readHdf5Unchecked);
/** The labels files that may sit beside an images file, most likely first. */
export const labelFileCandidates = /* @__PURE__ */ guarded('labelFileCandidates', ['imagesPath: string'], labelFileCandidatesUnchecked);
/** Read an IDX images file and its labels into a Dataset with X = (rows*cols) x m in [0, 1]. */
export const readIdx = /* @__PURE__ */ guarded('readIdx', ['imagesPath: path', 'options?: object'], readIdxUnchecked);
/**
 * Create a folder and its missing parents, one level at a time. (fs.mkdir's own recursive mode
 * never returns on some special file systems, e.g. a path under /proc.)
 */
export const makeDirectory = /* @__PURE__ */ guarded('makeDirectory', ['dir: path'], makeDirectoryUnchecked);
/** Write the file atomically (see the top of this module). */
export const writeFileAtomic = /* @__PURE__ */ guarded('writeFileAtomic', ['file: path', 'content: text'], writeFileAtomicUnchecked);
/**
 * Write several files together: every temporary file is written first, and only when all are
 * complete are they renamed into place; when one fails, none of the targets is touched.
 */
export const writeFilesAtomic = /* @__PURE__ */ guarded('writeFilesAtomic', ['files: files'], writeFilesAtomicUnchecked);
/** Read a CSV file (plain or gzip'd): learn a schema, or apply one given as options.schema. */
export const readCsv = /* @__PURE__ */ guarded('readCsv', ['path: path', 'options?: object'], readCsvUnchecked);
/**
 * The text of a CSV file. A binary file (one with NUL bytes, e.g. an image or an HDF5 file given by
 * mistake) is refused by name; so is text that is not valid in the encoding.
 */
export const readCsvText = /* @__PURE__ */ guarded('readCsvText', ['path: path', 'encoding?: string'], readCsvTextUnchecked);
/** Train the best configuration of a study (or `trial`) on train + validation: the Model to save, with test metrics when `data.test` is given. */
export const retrainBest = /* @__PURE__ */ guarded('retrainBest', ['study: study', 'data?: object', 'trial?: object'], retrainBestUnchecked);
/** The K (train, validation) pairs of a data set. */
export const kFolds = /* @__PURE__ */ guarded('kFolds', ['data: dataset', 'k: number', 'seed?: number'], kFoldsUnchecked);
/** The validation example indices of each fold (each sorted; together every example once). */
export const kFoldIndices = /* @__PURE__ */ guarded('kFoldIndices', ['data: dataset', 'k: number', 'seed?: number'], kFoldIndicesUnchecked);
