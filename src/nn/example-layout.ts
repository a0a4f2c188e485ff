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

/**
 * "X has a examples (columns) but Y has b", and which of them looks transposed. With `xChecked` (X's rows
 * are the network's n_x) only Y can be; without, an X whose rows are as many as Y's examples may be
 * transposed or Y may be short of labels (X 2 x 400 beside 2 labels), so both remedies are said.
 */
export function examplesMismatch(X: Shape, Y: Shape, options: { what?: { X: string; Y: string }; xChecked?: boolean } = {}): string {
  const what = options.what ?? { X: 'X', Y: 'Y' };
  const said = `${what.X} has ${X.cols} examples (columns) but ${what.Y} has ${Y.cols}`;
  if (Y.rows === X.cols) return `${said}; ${what.Y} looks transposed (its ${Y.rows} rows are as many as ${what.X}'s examples: one example per row): give its transpose, ${Y.cols} x ${Y.rows}`;
  if (options.xChecked) return said;
  if (X.rows === Y.rows && X.rows !== X.cols) return `${said}; give one label per example (or, if both hold one example per row, as their ${X.rows} rows each suggest, give their transposes)`;
  if (X.rows === Y.cols) return `${said}; give one label per example (or, if ${what.X} holds one example per row, as its ${X.rows} rows and ${what.Y}'s ${Y.cols} examples suggest, give its transpose, ${X.cols} x ${X.rows})`;
  return said;
}
