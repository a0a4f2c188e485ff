// How a data file was read, as plain JSON: passed back to the loaders, it reads a test or predict
// file exactly the same way (same columns, categories, classes, image size). A model keeps it in
// its preprocessing (Preprocessing.data).

import type { CsvSchema } from './csv.js';
import type { ImageSchema } from './images.js';
import type { Dataset } from './synthetic.js';

export type DataFormat = 'csv' | 'idx' | 'hdf5' | 'images' | 'synthetic';

export type DataSchema =
  | CsvSchema
  | ImageSchema
  | { format: 'idx'; classes: string[] }
  | { format: 'hdf5'; classes?: string[]; task: Dataset['task'] }
  | { format: 'synthetic'; name: string; classes?: string[]; task: Dataset['task'] }
  | PlaygroundSchema;

/** The playground's features of a 2-D point (x1, x2): their names in input order and their formulas. */
export interface PlaygroundSchema {
  format: 'playground';
  inputs: string[];
  features: string[];
  definitions: Record<string, string>;
}
