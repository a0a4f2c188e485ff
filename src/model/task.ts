// The task of a model and the rules that tie it to the output layer, written once:
//   binary      one sigmoid unit (P(class 1)), or two softmax units
//   multiclass  softmax over k >= 2 units, one per class
//   multilabel  k >= 2 sigmoid units, one per label, each P(label present) (scikit-learn's MLPClassifier
//               on a 0/1 indicator Y of m x k, Keras' k sigmoid units with binary_crossentropy)
//   regression  linear units (or sigmoid for targets in [0, 1])
// Used when a network is built for data, when a model file is read, and when one is imported.

import type { ActivationName } from '../nn/activations.js';
import type { LayerSpec } from '../nn/network.js';
import type { LossName } from '../nn/losses.js';
import { repeatedName, spacedDuplicatePair, spacedDuplicateText, visibleName } from '../util/names.js';

export type Task = 'binary' | 'multiclass' | 'multilabel' | 'regression';
export const TASKS: readonly Task[] = ['binary', 'multiclass', 'multilabel', 'regression'];

/** The tasks as a model file's messages list them: "binary", "multiclass", "multilabel" or "regression". */
export const TASKS_TEXT = `${TASKS.slice(0, -1).map((t) => `"${t}"`).join(', ')} or "${TASKS.at(-1)}"`;

/** A task of one class per example among classes (binary, multiclass): class names, a confusion matrix, stratified splits. */
export const isSingleLabel = (task: Task): task is 'binary' | 'multiclass' => task === 'binary' || task === 'multiclass';

/** The output layer as far as the task is concerned. */
export interface OutputLayer {
  units: number;
  activation: ActivationName;
}

/**
 * The task an output layer implies: softmax -> multiclass, one sigmoid unit -> binary, several sigmoid
 * units -> multilabel (unless the loss is the squared error: a regression of targets in [0, 1]), else regression.
 */
export function inferTask(out: OutputLayer, loss?: LossName): Task {
  if (out.activation === 'softmax') return 'multiclass';
  if (out.activation === 'sigmoid' && out.units === 1) return 'binary';
  if (out.activation === 'sigmoid' && loss !== 'meanSquaredError') return 'multilabel';
  return 'regression';
}

/**
 * The output layer that fits the task: sigmoid (binary), softmax over the classes (multiclass), a sigmoid
 * unit per label (multilabel: `classes` labels), linear, one unit per target (regression).
 */
export function outputLayerFor(task: Task, classes: number, targets = 1): LayerSpec {
  if (task === 'binary') return { units: 1, activation: 'sigmoid' };
  if (task === 'multiclass') return { units: classes, activation: 'softmax' };
  if (task === 'multilabel') return { units: classes, activation: 'sigmoid' };
  return { units: targets, activation: 'linear' };
}

/** The number of classes an output layer gives (one sigmoid unit: 2; several sigmoid units, a multilabel's: one label each). */
export const classCount = (out: OutputLayer): number => (out.units === 1 ? 2 : out.units);

/**
 * Why an output layer and loss cannot serve the task (undefined when they can): a classifier needs
 * probabilities (sigmoid or softmax) and a cross-entropy or squared-error loss on them; a
 * regression model needs linear (or sigmoid, for targets in [0, 1]) units; classes must match the units.
 */
export function outputMismatch(task: Task, out: OutputLayer, loss: LossName | undefined, classes?: readonly string[]): string | undefined {
  const layer = `the output layer is ${out.units} ${out.activation} unit${out.units > 1 ? 's' : ''}`;
  if (task === 'binary' && !((out.units === 1 && out.activation === 'sigmoid') || (out.units === 2 && out.activation === 'softmax'))) {
    return `task "binary" needs 1 sigmoid unit (or 2 softmax units), but ${layer}`;
  }
  if (task === 'multiclass' && !(out.activation === 'softmax' && out.units >= 2)) {
    return `task "multiclass" needs a softmax output of 2 or more units, but ${layer}`;
  }
  if (task === 'multilabel' && !(out.activation === 'sigmoid' && out.units >= 2)) {
    const softmax = out.activation === 'softmax' ? ' (a softmax makes the labels compete: their probabilities sum to 1, so two labels cannot both be present)' : '';
    return `task "multilabel" needs a sigmoid output of 2 or more units, one per label, but ${layer}${softmax}`;
  }
  if (task === 'multilabel' && loss === 'meanSquaredError') return `task "multilabel" trains with binaryCrossEntropy (the sum of the labels' binary cross-entropies), but the loss is meanSquaredError`;
  if (task === 'regression' && out.activation === 'softmax') {
    return `task "regression" needs real-valued outputs (linear, or sigmoid for targets in [0, 1]), but ${layer}, which gives class probabilities`;
  }
  if (loss === 'categoricalCrossEntropy' && out.activation !== 'softmax') return `the loss categoricalCrossEntropy needs a softmax output, but ${layer}`;
  if (loss === 'binaryCrossEntropy' && out.activation !== 'sigmoid' && out.activation !== 'softmax') return `the loss binaryCrossEntropy needs a sigmoid output, but ${layer}`;
  // (a hand-built regression Dataset with classes saved them in its model file, and an edited file kept them)
  if (classes && task === 'regression') return `task "regression" has no classes (its outputs are values), but "classes" names ${classes.length} (${classes.slice(0, 5).join(', ')}${classes.length > 5 ? ', ...' : ''}): leave them out, or give the task of a classification`;
  if (classes && task === 'multilabel' && classes.length !== out.units) return `${classes.length} label names, but ${layer} (${out.units} labels)`;
  if (classes && task !== 'regression' && classes.length !== classCount(out)) {
    return `${classes.length} class names, but ${layer} (${classCount(out)} classes)`;
  }
  return undefined;
}

/**
 * What is wrong with class names, or undefined: each must be a name (not empty) and differ from the
 * others, also by more than spaces at either end or invisible characters, or two outputs would be reported alike and the model file could not be read back.
 * Said of the classes of a model file, a Model, a data file's class list and an import option.
 */
export function classNamesProblem(classes: readonly unknown[]): string | undefined {
  // the hole of ['a', , 'c'] (or an undefined, null) named a class 'undefined', or failed inside on a TypeError
  const unnamed = Array.from(classes).findIndex((c) => c === undefined || c === null);
  if (unnamed >= 0) return `has no name for class ${unnamed} (of ${classes.length}): ${String(classes[unnamed])}`;
  const empty = classes.findIndex((c) => String(c).trim() === '');
  if (empty >= 0) return `has an empty name for class ${empty} (of ${classes.length})`;
  const twice = repeatedName(classes.map(String));
  if (twice !== undefined) return `names class ${JSON.stringify(twice)} twice`;
  // 'a' and 'a ' (a hand-edited file, a quoted label) print alike: predictions could not be told apart
  const pair = spacedDuplicatePair(classes.map(String));
  return pair && `holds ${visibleName(pair[0])} and ${visibleName(pair[1])}, ${spacedDuplicateText(pair)}`;
}
