// Every command of the CLI, one module each.
import type { Command } from 'commander';
import { register as demo } from './demo.js';
import { register as playground } from './playground.js';
import { register as train } from './train.js';
import { register as evaluate } from './evaluate.js';
import { register as predict } from './predict.js';
import { register as gradcheck } from './gradcheck.js';
import { register as datasets } from './datasets.js';
import { register as inspect } from './inspect.js';
import { register as exportModel } from './export.js';
import { register as importModel } from './import.js';
import { register as tune } from './tune.js';

export function registerCommands(program: Command): void {
  demo(program);
  playground(program);
  train(program);
  evaluate(program);
  predict(program);
  gradcheck(program);
  datasets(program);
  inspect(program);
  exportModel(program);
  importModel(program);
  tune(program);
}
