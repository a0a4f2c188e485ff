// What float32 cannot hold, said the same way by every reader that fills a float32 X: numbers below
// its smallest magnitude (1.4e-45) become 0, silently (a column of 1e-50 was a column of zeros).
// Pure (no Node module): it runs in a browser.

/** The warning for `count` numbers read as 0; `first` says the first one and where ("'1e-50' at line 2, column 'a'"). */
export function underflowText(source: string, count: number, first: string): string {
  return `${source}: ${count} number${count === 1 ? ' was' : 's were'} too small for float32 (below 1.4e-45 in magnitude) and read as 0 (e.g. ${first}); scale ${count === 1 ? 'it' : 'them'} (e.g. a column in other units), or read and train in float64 ({ dtype: 'float64' })`;
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
