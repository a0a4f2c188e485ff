// The library names TrainSpec fields in its errors and warnings; the command line names its flags.
// This turns one into the other, so a CLI user reads `--test-split 0.2 ...`, never `testSplit`.

import { DataError, OptionError } from '../errors.js';

/** TrainSpec field -> flag. */
const FLAGS: Record<string, string> = {
  layers: '--layers', activation: '--activation', output: '--output', loss: '--loss', init: '--init', keepProb: '--dropout',
  optimizer: '--optimizer', learningRate: '--lr', schedule: '--lr-decay', batchSize: '--batch-size', epochs: '--epochs',
  l1: '--l1', l2: '--l2', seed: '--seed', testSplit: '--test-split', validationSplit: '--validation-split',
  earlyStopping: '--early-stopping', epsilon: '--epsilon', resume: '--resume', classWeight: '--class-weight', shuffle: '--shuffle',
};

/**
 * Options of the library's data and file functions (loadData, parseCsv, importing, fetchDataset)
 * -> flag. Their messages name them as `options.target`, or with a value as `{ missing: 'drop' }`.
 */
const OPTION_FLAGS: Record<string, string> = {
  target: '--target', features: '--features', exclude: '--exclude', task: '--task', oneHot: '--one-hot', missing: '--missing', delimiter: '--delimiter', decimal: '--decimal',
  encoding: '--encoding', standardize: '--standardize', handleUnknown: '--handle-unknown', maxClasses: '--max-classes', header: '--header',
  xKey: '--x-key', yKey: '--y-key', labels: '--labels', classes: '--classes', baseUrl: '--base-url',
  // a built-in set's (synthetic's noise above its largest said 'noise must be a number in [0, 5]')
  samples: '--samples', noise: '--noise',
  // tune's options (a journal file in options.storage is --study), and a PostgresStorage's
  cv: '--cv', objective: '--objective', sampler: '--sampler', pruner: '--pruner', storage: '--study', trials: '--trials', workers: '--workers', timeout: '--timeout',
  url: '--storage', studyName: '--study-name', reconnect: '--reconnect', heartbeatTimeout: '--heartbeat', maxRetries: '--retries',
};

/** The library's functions a message names -> the command that does the same. */
const COMMANDS: [RegExp, string][] = [
  [/\bwhich load(?:Onnx|Tfjs) reads\b/g, 'which backprop import reads'],
  [/\bread the file with loadModel\(path\)/g, 'give it as --model'],
  // what a text file given to `import` as ONNX is used with
  [/\bload it with loadModel\b/g, 'give it as --model to predict, evaluate or export'],
  [/\bimport it with loadTfjs\b/g, 'import it with --format tfjs'],
  [/\bdata is read with loadDataset\b/g, 'data is given as --data'],
  [/\{ dtype: 'float64' \}/g, '--float64'],
];

/** A value in a library hint as it is typed after its flag: 'drop' -> drop, ['a', 'b'] -> a,b. */
const typedValue = (v: string) => v.replace(/^\[(.*)\]$/, '$1').split(/,\s*/).map((x) => x.replace(/^'(.*)'$/, '$1')).join(',');

/**
 * `options.target` -> --target, `{ missing: 'drop' }` -> --missing drop, `{ header: true }` -> --header, `{ header: false }` -> --no-header;
 * a library function -> its command ('which loadOnnx reads' -> 'which backprop import reads').
 */
export function optionsAsFlags(message: string): string {
  return COMMANDS.reduce((m, [re, command]) => m.replace(re, command), message)
    .replace(/\{ (\w+): ([^{}]*) \}/g, (all, key: string, value: string) => {
      const flag = OPTION_FLAGS[key];
      if (!flag) return all;
      if (value === 'true') return flag;
      return value === 'false' ? flag.replace(/^--/, '--no-') : `${flag} ${typedValue(value)}`;
    })
    .replace(/\boptions\.(\w+)/g, (all, key: string) => OPTION_FLAGS[key] ?? FLAGS[key] ?? all);
}

/** camelCase fields cannot be English words: they are replaced wherever they appear. */
const CAMEL = Object.keys(FLAGS).filter((f) => /[A-Z]/.test(f));

/**
 * The message with flags for fields: the field an error is about where it starts the message
 * (with the value typed, e.g. `--layers 16000,16000:` or `--resume m.json:`), and every camelCase field.
 */
export function withFlags(message: string, field: string | undefined, typed: Record<string, string | boolean | undefined> = {}): string {
  let out = message;
  if (field && OPTION_FLAGS[field] && !FLAGS[field]) out = out.replace(new RegExp(`^${field}\\b`), OPTION_FLAGS[field]!);
  if (field && FLAGS[field] && new RegExp(`^${field}\\b`).test(out)) {
    const value = field === 'layers' || field === 'resume' ? typed[field] : undefined;
    out = out.replace(new RegExp(`^${field}(\\[\\d+\\])?`), value !== undefined ? `${FLAGS[field]} ${value}` : FLAGS[field]!);
    // a hint of how to write it: 'e.g. l2 lin:0..0.1' -> 'e.g. --l2 lin:0..0.1'
    out = out.replace(new RegExp(`\\be\\.g\\. ${field} `, 'g'), `e.g. ${FLAGS[field]} `);
  }
  // the library's own message quoted after the flag's: '--epochs: the range 1..3 gives a value training refuses: epochs must be ...'
  out = out.replace(/(gives a value training refuses: )(\w+)(\[\d+\])?(?= )/, (all, lead: string, f: string) => (FLAGS[f] ? `${lead}${FLAGS[f]}` : all));
  // a warning that starts with the fields it ignores: 'layers, init ignored: ...'
  out = out.replace(/^(\w+(?:, \w+)*) ignored: /, (_, fields: string) => `${fields.split(', ').map((f) => FLAGS[f] ?? f).join(', ')} ignored: `);
  for (const f of CAMEL) out = out.replace(new RegExp(`(?<!options\\.)\\b${f}\\b`, 'g'), FLAGS[f]!);
  return optionsAsFlags(out.replace(/use standardize: true/g, 'add --standardize'));
}

/** An error of the library, re-thrown with flags in its message (other errors unchanged). */
export function errorWithFlags(e: unknown, typed: Record<string, string | boolean | undefined>): unknown {
  if (e instanceof OptionError) return new OptionError(withFlags(e.message, e.field, typed));
  if (e instanceof DataError) return new DataError(withFlags(e.message, e.field, typed));
  return e;
}
