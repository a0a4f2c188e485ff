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

/** Characters that show as nothing: zero-width space, non-joiner and joiner, word joiner, byte-order mark, soft hyphen. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

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
