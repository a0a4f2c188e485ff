// Hand-made HDF5 files for the data tests (written with h5wasm, the library the reader uses).
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';

export interface H5Dataset { name: string; data: any; shape?: number[]; dtype?: string }

/** A writer of HDF5 files with the given datasets into `dir`: h5(name, datasets) -> the file's path. */
export async function h5Writer(dir: string): Promise<(name: string, datasets: H5Dataset[]) => string> {
  await h5wasm.ready;
  return (name, datasets) => {
    const path = join(dir, name);
    const f = new h5wasm.File(path, 'w');
    for (const d of datasets) f.create_dataset(d);
    f.close();
    return path;
  };
}
