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
