// One error type per kind of user mistake, each with a message a user can act on.
// The CLI maps DivergenceError and NetworkError to exit code 1 and the others to exit code 2.
// Every message is one line (oneLine): a value it quotes with a newline in it (a column name, an
// option's value from JavaScript) is shown escaped, as the CLI shows it.

import { oneLine } from './util/one-line.js';

/** The base of the project's errors: the message on one line. */
class BackpropError extends Error {
  constructor(message: string) {
    super(oneLine(message));
  }
}

/** A mistake in what the user gave: `field` is the training spec field it is about, when the message starts with it (the CLI names its flag instead). */
class InputError extends BackpropError {
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

/** Thrown when two matrices do not have the shapes an operation needs. */
export class ShapeError extends BackpropError {
  override name = 'ShapeError';
}

/** A data file or array that cannot be used: names the file, line/row and column. */
export class DataError extends InputError {
  override name = 'DataError';
}

/** A model file that is malformed: names the layer and the field. */
export class ModelFileError extends BackpropError {
  override name = 'ModelFileError';
}

/**
 * An option or argument with a value that cannot be used: names the option and what was expected.
 * A RangeError too, as the building blocks' (Network, fit, the optimizers, schedules, metrics) were
 * before they threw this: code that caught RangeError still catches them.
 */
export class OptionError extends RangeError {
  override name = 'OptionError';
  constructor(message: string, readonly field?: string) {
    super(oneLine(message));
  }
}

/**
 * A method called when its object is not in a state for it: backward before forward, the gradients
 * of a forward pass without its backward, an optimizer's state used on another network, a network
 * trained by two fits at once. A mistake in the calling program, not in its input: names the method
 * and what must come first.
 */
export class StateError extends BackpropError {
  override name = 'StateError';
}

/** An output file that cannot be written (missing folder, no permission, disk full): names the file. */
export class OutputError extends BackpropError {
  override name = 'OutputError';
}

/**
 * An output the machine could not store: a full disk, a quota, a file larger than the file system
 * allows, an input/output error. A run-time failure, not a mistake in what was typed (the command
 * line exits 1, as when standard output cannot be written for the same reasons; it exited 2 for a
 * file). Still an OutputError, so code that caught those catches it.
 */
export class StorageError extends OutputError {
  override name = 'StorageError';
}

/** A service the run depends on (the study's database) was lost and did not come back in time: names it; nothing finished is lost. */
export class ConnectionLostError extends BackpropError {
  override name = 'ConnectionLostError';
}

/**
 * A download that failed on the way (no such host, connection refused, timed out, an HTTP error, cut
 * off): names the URL and the cause. A run-time failure, not a mistake in the input: running the
 * command again may succeed (the CLI exits 1; it exited 2, as for bad usage).
 */
export class NetworkError extends BackpropError {
  override name = 'NetworkError';
}

/** Training produced a NaN or infinite cost. */
export class DivergenceError extends BackpropError {
  override name = 'DivergenceError';
  constructor(message: string, readonly epoch: number, readonly iteration: number) {
    super(message);
  }
}

/** An optional package that a function needs is not installed: names the package and the command. */
export class MissingDependencyError extends BackpropError {
  override name = 'MissingDependencyError';
  constructor(message: string, readonly packages: string[]) {
    super(message);
  }
}

/**
 * The runtime refuses what a call needs, by a permission the program was started without: Node's
 * permission model (`--permission`) refusing worker threads. Names the flag that allows it.
 */
export class PermissionError extends BackpropError {
  override name = 'PermissionError';
}
