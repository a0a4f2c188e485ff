// Type guards for JSON read from files (model files, schemas, manifests): one place for each.

/** A plain object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An array of finite numbers (of length n when given). */
export function isFiniteNumbers(v: unknown, n?: number): v is number[] {
  return Array.isArray(v) && (n === undefined || v.length === n) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** An array of strings. */
export const isStrings = (v: unknown): v is string[] => Array.isArray(v) && Array.from(v).every((x) => typeof x === 'string');

/**
 * A JSON value as a message shows it: JSON.parse reads a number beyond float64 (1e999) as Infinity,
 * which JSON.stringify would show as null.
 */
export function jsonValueText(v: unknown): string {
  if (v === Infinity) return 'a number too large for float64, e.g. 1e999';
  if (v === -Infinity) return 'a negative number too large for float64, e.g. -1e999';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN'; // from a binary weight file (JSON has no NaN)
  // a BigInt (given to a library function from JavaScript) made JSON.stringify throw 'Do not know how to serialize a BigInt'
  if (typeof v === 'bigint') return `${v}n (a BigInt; give a number)`;
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = Array.isArray(v) ? `an array of ${v.length} holding a BigInt or itself` : 'an object holding a BigInt or itself';
  }
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
