// A whole number typed in one of the page's number fields (the weight seed, the example to inspect,
// the sweep's epochs, seeds and sample), checked by one rule: a value out of range or not whole is
// refused with the range and what was typed (the example field rounded 1.5 to example 2 silently).

/** The whole number typed in `input`, or the problem: "must be a whole number from lo to hi; got '1.5'". */
export function typedWholeNumber(input: HTMLInputElement, lo: number, hi: number): { value: number } | { problem: string } {
  const text = input.value.trim();
  const v = text === '' ? NaN : Number(text);
  if (Number.isInteger(v) && v >= lo && v <= hi) return { value: v };
  // (a number input holds '' for what is not a number: 'abc' reads as nothing)
  const got = text === '' ? 'nothing (or not a number)' : `'${text.length > 24 ? `${text.slice(0, 24)}…` : text}'`;
  return { problem: `must be a whole number from ${lo} to ${hi}; got ${got}` };
}

/** What the page says when a comma is typed in a number field. */
export const COMMA_IN_NUMBER = 'Number fields take no comma: write decimals with a point (0.5) and thousands without a separator (1000).';

/**
 * A comma typed in any of the page's number fields (the weight editor's, the seed, the example, the
 * sweep's) is refused and said so: the browser dropped it without a word, so ',5' typed for a weight
 * of 0.5 set it to 5, and '1,5' for a seed made 15.
 */
export function refuseCommasInNumbers(root: Document, say: (text: string, field: HTMLInputElement) => void): void {
  root.addEventListener('keydown', (e) => {
    const target = e.target as HTMLInputElement | null;
    if (e.key !== ',' || target?.tagName !== 'INPUT' || target.type !== 'number') return;
    e.preventDefault();
    say(COMMA_IN_NUMBER, target);
  }, true);
}
