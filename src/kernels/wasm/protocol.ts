// The control block shared by the main thread and the workers (an Int32Array on a SharedArrayBuffer):
//   GEN    job generation: the main thread bumps it (and notifies) to start a job
//   DONE   workers finished with the current job
//   STOP   1 = workers exit
//   PARAMS k, a, rsA, csA, b, rsB, csB, c, ldc of the job (as in gemm)
//   RANGES i0, i1, j0, j1 of the rectangle of C for each thread (thread 0 is the main thread)
export const GEN = 0;
export const DONE = 1;
export const STOP = 2;
export const PARAMS = 4;
export const RANGES = 16;
export const MAX_THREADS = 64;
export const CONTROL_INTS = RANGES + 4 * MAX_THREADS;
/** Polls before sleeping in Atomics.wait (about 10-50 microseconds). */
export const SPIN = 20000;
