// X is n_x x m and Y is n[L] x m: one example per column, the course's layout. The commonest mistake
// is the other one, one example per row (m x n_x, as scikit-learn, pandas and Keras hold data), or
// labels as a column (m x 1). Where a shape is refused, these say when it looks transposed, and what
// to give instead (a refusal that said only "X is 5 x 3 but the network expects 3 features" left
// the learner to find it; "X has 3 examples but Y has 5" blamed the labels for a transposed X).

interface Shape { readonly rows: number; readonly cols: number }

/**
 * The end of a message refusing `M` (X, or Y) for not having `rows` rows: when its columns are that
 * many, it holds one example per row; a column of labels (m x 1) is to be a row (1 x m).
 */
export function transposedHint(M: Shape, rows: number): string {
  if (M.rows === rows) return '';
  if (M.cols === rows) return `; it looks transposed (one example per row, m x ${rows}, as scikit-learn and pandas hold data): give its transpose, ${rows} x ${M.rows}, one example per column`;
  if (M.cols === 1 && M.rows > 1) return `; it is a column of ${M.rows} values: give one example per column, a row of ${M.rows} labels (its transpose, 1 x ${M.rows})${rows > 1 ? ` or ${rows} x ${M.rows} one-hot columns` : ''}`;
  return '';
}

/** "X has a examples (columns) but Y has b", and which of them looks transposed. */
export function examplesMismatch(X: Shape, Y: Shape, what = { X: 'X', Y: 'Y' }): string {
  const said = `${what.X} has ${X.cols} examples (columns) but ${what.Y} has ${Y.cols}`;
  if (X.rows === Y.rows && X.rows !== X.cols) return `${said}; both look transposed (${X.rows} rows each: one example per row): give their transposes, one example per column`;
  if (X.rows === Y.cols) return `${said}; ${what.X} looks transposed (its ${X.rows} rows are as many as ${what.Y}'s examples: one example per row): give its transpose, ${X.cols} x ${X.rows}`;
  if (Y.rows === X.cols) return `${said}; ${what.Y} looks transposed (its ${Y.rows} rows are as many as ${what.X}'s examples: one example per row): give its transpose, ${Y.cols} x ${Y.rows}`;
  return said;
}
