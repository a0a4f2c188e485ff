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

/** Groups of names that differ only in letter case or Unicode form ('Cat' and 'cat', 'é' composed and decomposed). */
export function nearDuplicateNames(names: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const v of names) {
    const key = v.normalize('NFKC').toLowerCase();
    const g = groups.get(key);
    if (g) g.push(v); else groups.set(key, [v]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
