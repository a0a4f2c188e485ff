// What float32 cannot hold, said the same way by every reader that fills a float32 X: numbers below
// its smallest magnitude (1.4e-45) become 0, silently (a column of 1e-50 was a column of zeros), and
// whole numbers above 2^24 are rounded to others (an identifier 16777217 read as 16777216).
// Pure (no Node module): it runs in a browser.

/** The warning for `count` numbers read as 0; `first` says the first one and where ("'1e-50' at line 2, column 'a'"). */
export function underflowText(source: string, count: number, first: string): string {
  return `${source}: ${count} number${count === 1 ? ' was' : 's were'} too small for float32 (below 1.4e-45 in magnitude) and read as 0 (e.g. ${first}); scale ${count === 1 ? 'it' : 'them'} (e.g. a column in other units), or read and train in float64 ({ dtype: 'float64' })`;
}

/**
 * The warning for `count` numbers (of one column) written with digits that are not all 0 but read as 0
 * already in float64 (below 4.9e-324 in magnitude, '1e-400'): float64 does not help; `first` says the
 * first one and where ("'1e-400' at line 2, column 'a'").
 */
export function zeroReadText(source: string, count: number, first: string): string {
  return `${source}: ${count} number${count === 1 ? ' was' : 's were'} too small for any float (below 4.9e-324 in magnitude, float64's least) and read as 0 (e.g. ${first}); scale ${count === 1 ? 'it' : 'them'} (e.g. a column in other units)`;
}

/** How many of `values` (float64) are not 0 but become 0 in float32, and the index of the first. */
export function float32Underflows(values: ArrayLike<number>): { count: number; first: number } {
  let count = 0, first = -1;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (v !== 0 && Math.abs(v) < 1.5e-45 && Math.fround(v) === 0) {
      if (count++ === 0) first = k;
    }
  }
  return { count, first };
}

/**
 * Whether a whole number changes in float32: above 2^24 (16777216) float32 holds only some of them
 * (16777217 reads as 16777216), so identifiers and large counts collapse into one another, silently.
 */
export const roundsInFloat32 = (v: number) => Math.abs(v) > 16777216 && Number.isInteger(v) && Math.fround(v) !== v;

/**
 * Whether a whole number written as `text` (digits alone) was rounded to another already as read: above
 * 2^53 float64 holds only some of them ('1152921504606846977' is read as 2^60, as its neighbours are),
 * so float64 does not keep it either. Asked only of numbers above 2^53.
 */
export function roundedAsRead(text: string, v: number): boolean {
  const t = text.trim();
  return Math.abs(v) > 2 ** 53 && /^[+-]?\d+$/.test(t) && BigInt(t) !== BigInt(v);
}

/** The warning for `count` whole numbers above 2^53 of one column rounded to others as read (roundedAsRead): float64 does not help. */
export function roundedAsReadText(where: string, count: number, first: string): string {
  return `${where}: ${count} whole number${count === 1 ? ' is' : 's are'} above 2^53 (9007199254740992), beyond what any float holds exactly, and ${count === 1 ? 'was' : 'were'} rounded to another as read (e.g. ${first}); leave an identifier out of the features, or write ${count === 1 ? 'it' : 'them'} in other units`;
}

/** The warning for `count` whole numbers of one column changed by float32; `first` says the first one and where. */
export function roundedIntegersText(where: string, count: number, first: string): string {
  return `${where}: ${count} whole number${count === 1 ? ' is' : 's are'} above 2^24 (16777216) and ${count === 1 ? 'was' : 'were'} rounded to another in float32 (e.g. ${first}); read and train in float64 ({ dtype: 'float64' }) to keep ${count === 1 ? 'it' : 'them'} exact, or leave an identifier out of the features`;
}

/**
 * The whole numbers of `values` (float64) that float32 changes, per feature (`featureOf` the index:
 * k % n_x for one example per row, floor(k / m) for X of n_x x m): how many, and the index of the first.
 */
export function float32RoundedIntegers(values: ArrayLike<number>, featureOf: (k: number) => number): Map<number, { count: number; first: number }> {
  const found = new Map<number, { count: number; first: number }>();
  for (let k = 0; k < values.length; k++) {
    if (!roundsInFloat32(values[k]!)) continue;
    const f = featureOf(k), seen = found.get(f);
    if (seen) seen.count++;
    else found.set(f, { count: 1, first: k });
  }
  return found;
}
