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
