// Option objects of the library's functions: a key that is none of the known ones is a typo
// ({ epoch: 5 }, { learningrate: 0.1 }) that would otherwise be ignored, silently, for the default.
// Names given as values (an activation, a loss, an optimizer) that are none of the known ones get
// the same suggestion ('ReLU', 'binary_crossentropy': the names of other libraries).

import { jsonValueText } from './json.js';

/** A name as compared for suggestions: lower case, without '_', '-' and spaces ('binary_crossentropy' -> 'binarycrossentropy'). */
const folded = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

/**
 * Other libraries' names of the same settings (folded), suggested before spelling: { lr: 0.1 }, the
 * name of Keras', PyTorch's and the command line's learning rate, was told "did you mean 'l1'?" (an
 * L1 penalty of 0.1, if taken at its word); scikit-learn's max_iter and random_state got no suggestion.
 */
const SYNONYMS: Record<string, string> = {
  lr: 'learningRate', learningrateinit: 'learningRate', maxiter: 'epochs', nepochs: 'epochs', numepochs: 'epochs', epoch: 'epochs',
  hiddenlayersizes: 'layers', hiddenlayers: 'layers', randomstate: 'seed', solver: 'optimizer', weightdecay: 'l2',
  lambd: 'l2', lambda: 'l2',
};

/** The known name closest to `key` (another library's name of it, the same letters but for case and '_'/'-', a prefix, or an edit distance of at most 2), if any. */
export function closest(key: string, known: readonly string[]): string | undefined {
  const a = folded(key);
  const synonym = SYNONYMS[a];
  if (synonym !== undefined && Object.hasOwn(SYNONYMS, a) && known.includes(synonym)) return synonym;
  const same = known.find((k) => folded(k) === a);
  if (same) return same;
  const prefix = a.length >= 4 ? known.find((k) => folded(k).startsWith(a)) : undefined;
  if (prefix) return prefix;
  let best: string | undefined, bestD = 3;
  for (const k of known) {
    const b = folded(k);
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0]![j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (d[a.length]![b.length]! < bestD) { bestD = d[a.length]![b.length]!; best = k; }
  }
  return best;
}

/** "`what` must be one of a, b, c, got 'x' (did you mean 'b'?)": the message for a name that is none of `choices`. */
export function notOneOf(what: string, got: unknown, choices: readonly string[]): string {
  const near = typeof got === 'string' ? closest(got, choices) : undefined;
  const shown = typeof got === 'string' ? `'${got}'` : jsonValueText(got);
  return `${what} must be one of ${choices.join(', ')}, got ${shown}${near ? ` (did you mean '${near}'?)` : ''}`;
}

/** The first key of `object` that is not in `known` (keys whose value is undefined too), with the known key closest to it. */
export function unknownKey(object: object, known: readonly string[]): { key: string; near?: string } | undefined {
  const key = Object.keys(object).find((k) => !known.includes(k));
  if (key === undefined) return undefined;
  const near = closest(key, known);
  return near === undefined ? { key } : { key, near };
}

/**
 * Throw `make(message)` when `options` has a key not in `known` (keys whose value is undefined too).
 * `noun` names the keys: options of a function, or fields of a data object ({ train, tset }: a test
 * set under a misspelt name was ignored, the test rows held out of train instead).
 */
export function checkKnownKeys(options: object, known: readonly string[], what: string, make: (message: string) => Error, noun: 'option' | 'field' = 'option', elsewhere?: Elsewhere): void {
  const problem = unknownKeyProblem(options, known, what, noun, elsewhere);
  if (problem) throw make(problem);
}

/**
 * Where keys of another object go, by folded name: the course's model(..., lambd, keep_prob, beta) takes
 * them all in one call, and { keepProb: 0.86 } given to Network (a layer's) or { l2: 0.7 } given to fit (the
 * network's) was told only that the key is unknown.
 */
export type Elsewhere = Record<string, string>;

/** checkKnownKeys' message, or undefined when every key is known. */
export function unknownKeyProblem(options: object, known: readonly string[], what: string, noun: 'option' | 'field' = 'option', elsewhere?: Elsewhere): string | undefined {
  const unknown = unknownKey(options, known);
  if (!unknown) return undefined;
  // another object's key exactly is not a misspelling of a near one ({ units } was asked "did you mean 'init'?")
  const place = elsewhere && Object.hasOwn(elsewhere, folded(unknown.key)) ? elsewhere[folded(unknown.key)] : undefined;
  const hint = place ? ` (${place})` : unknown.near ? ` (did you mean '${unknown.near}'?)` : '';
  return `${what}: unknown ${noun} '${unknown.key}'${hint}; the ${noun}s are ${known.join(', ')}`;
}

/** The kinds a reader's option may have (a function is a callback such as warn). */
export type OptionKind = 'string' | 'strings' | 'boolean' | 'function' | 'number';

const KIND_WORDS: Record<OptionKind, string> = {
  string: 'a string', strings: 'an array of strings', boolean: 'true or false', function: 'a function', number: 'a number',
};

const hasKind = (v: unknown, kind: OptionKind) => kind === 'strings' ? Array.isArray(v) && Array.from(v).every((x) => typeof x === 'string') : typeof v === kind;

/**
 * A reader's options by shape, before any file is opened: an object, of known keys ({ xkey: 'x' }
 * was ignored, silently), each of its kind ({ xKey: 5 } failed inside with 'key.replace is not a
 * function'; { classes: 'a,b' } with 'classes.join is not a function'). Throws make(message).
 */
export function checkOptionShapes(what: string, options: unknown, kinds: Record<string, OptionKind>, make: (message: string) => Error): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw make(`${what}: options must be an object, got ${jsonValueText(options)}`);
  checkKnownKeys(options, Object.keys(kinds), what, make);
  for (const [key, kind] of Object.entries(kinds)) {
    const v = (options as Record<string, unknown>)[key];
    if (v !== undefined && !hasKind(v, kind)) throw make(`options.${key} must be ${KIND_WORDS[kind]}, got ${jsonValueText(v)}`);
  }
}
