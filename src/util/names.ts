// Lists of names that must be distinct (class names, columns, one-hot categories): the first name
// found twice, for a message that names it. Pure: it runs in a browser.

/** The first name that occurs twice in `names`, or undefined. */
export function repeatedName(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) return n;
    seen.add(n);
  }
  return undefined;
}

/** Characters that show as nothing: zero-width space, non-joiner and joiner, left-to-right and right-to-left marks, word joiner, byte-order mark, soft hyphen. */
export const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u00AD]/g;

/**
 * Groups of names that differ only in letter case, Unicode form, spaces at either end or invisible
 * characters ('Cat' and 'cat', 'é' composed and decomposed, 'cat' and a quoted 'cat ', 'ca\u200Bt').
 * (Spaces and invisible characters were kept apart silently: two classes of one kind.)
 */
export function nearDuplicateNames(names: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const v of names) {
    const key = v.normalize('NFKC').replace(INVISIBLE, '').trim().toLowerCase();
    const g = groups.get(key);
    if (g) g.push(v); else groups.set(key, [v]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * The first two names that are the same but for spaces at either end or invisible characters ('a' and
 * 'a ', 'ca\u200Bt' and 'cat', 'é' composed and decomposed), or undefined. Such names print alike: two
 * classes a reader of the predictions cannot tell apart. (Case and compatibility forms differ visibly:
 * 'A' and 'a', 'ﬁ' and 'fi' may be two classes.)
 */
export function spacedDuplicatePair(names: readonly string[]): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const v of names) {
    // NFC: 'é' composed and 'e' + a combining accent are one text to a reader (they print the same)
    const key = v.normalize('NFC').replace(INVISIBLE, '').trim();
    const first = seen.get(key);
    if (first !== undefined && first !== v) return [first, v];
    if (first === undefined) seen.set(key, v);
  }
  return undefined;
}

/** What spacedDuplicatePair finds, for messages. */
export const SPACED_DUPLICATE_TEXT = 'the same but for spaces at either end or invisible characters';

/** How the two names of spacedDuplicatePair differ, for messages: SPACED_DUPLICATE_TEXT, or their Unicode form. */
export function spacedDuplicateText(pair: readonly [string, string]): string {
  const bare = (v: string) => v.replace(INVISIBLE, '').trim();
  return bare(pair[0]) === bare(pair[1]) ? SPACED_DUPLICATE_TEXT : 'the same text in two Unicode forms (an accent composed, or written as a letter and a combining mark)';
}

/** How nearDuplicateNames's groups differ, for messages. */
export const NEAR_DUPLICATE_TEXT = 'differ only in letter case, Unicode form, spaces at either end or invisible characters';

/** A name in quotes as JSON writes it, with its invisible characters written out ('ca\\u200Bt'): a message shows what differs. */
export function visibleName(name: string): string {
  const code = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const shown = JSON.stringify(name).replace(INVISIBLE, code);
  // a decomposed accent prints as the composed one: its combining marks written out show the difference
  return name === name.normalize('NFC') ? shown : shown.replace(/\p{M}/gu, code);
}

/** The ways a value may differ from a known one and still be meant as it, each with its words. */
const NEAR_WAYS: readonly [string, (v: string) => string][] = [
  ["a trailing '.'", (v) => v.replace(/\.+$/, '')],
  ['spaces at either end', (v) => v.trim()],
  ['letter case', (v) => v.toLowerCase()],
  ['Unicode form', (v) => v.normalize('NFC')],
  ['invisible characters', (v) => v.replace(INVISIBLE, '')],
];
const nearKey = (v: string) => v.normalize('NFKC').replace(INVISIBLE, '').trim().replace(/\.+$/, '').trim().toLowerCase();

/**
 * Why a value that is none of `known` is likely meant as one of them, for a refusal's message: "it
 * differs from '<=50K' only by a trailing '.'" (UCI adult.test writes '<=50K.' where adult.data writes
 * '<=50K'), by letter case, spaces at either end, Unicode form or invisible characters; '' when none is near.
 */
export function nearNameText(value: string, known: readonly string[]): string {
  for (const [words, same] of NEAR_WAYS) {
    const hit = known.find((k) => same(k) === same(value));
    if (hit !== undefined) return `it differs from ${quotedName(hit)} only by ${words}`;
  }
  const key = nearKey(value), hit = known.find((k) => nearKey(k) === key);
  return hit === undefined ? '' : `it differs from ${quotedName(hit)} only by ${NEAR_WAYS.map((w) => w[0]).join(', ')}`.replace(/, (?=[^,]*$)/, ' or ');
}

/** A name in single quotes, or as visibleName writes it when it holds invisible characters or a decomposed accent. */
const quotedName = (name: string) => (new RegExp(INVISIBLE.source).test(name) || name !== name.normalize('NFC') ? visibleName(name) : `'${name}'`);
