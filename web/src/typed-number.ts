// A whole number typed in one of the page's number fields (the weight seed, the example to inspect,
// the sweep's epochs, seeds and sample), checked by one rule: a value out of range or not whole is
// refused with the range and what was typed (the example field rounded 1.5 to example 2 silently).

/** The whole number typed in `input`, or the problem: "must be a whole number from lo to hi; got '1.5'". */
export function typedWholeNumber(input: HTMLInputElement, lo: number, hi: number): { value: number } | { problem: string } {
  const text = typedText(input).trim();
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
    // (Backspace or Delete after the refusal is the user's correction, even in a field left empty, where it changes nothing)
    if ((e.key === 'Backspace' || e.key === 'Delete') && target && typedWithComma.has(target)) { forget(target); return; }
    if (e.key !== ',' || target?.tagName !== 'INPUT' || target.type !== 'number') return;
    e.preventDefault();
    say(COMMA_IN_NUMBER, target);
    // the field cannot show the comma: what was typed is kept, so that the digits after it are not taken for the number (',5' as 5)
    typedWithComma.set(target, { text: `${typedText(target)},`, shows: target.value });
    target.setAttribute('aria-invalid', 'true');
  }, true);
  root.addEventListener('input', (e) => {
    const target = e.target as HTMLInputElement;
    const typed = typedWithComma.get(target);
    if (!typed) return;
    const ev = e as InputEvent;
    // digits typed after the comma go on its text; a deletion, a paste or an emptied field is the user's correction: the field's value is the number again
    if (ev.inputType === 'insertText' && ev.data && target.value !== '') typedWithComma.set(target, { text: typed.text + ev.data, shows: target.value });
    else forget(target);
  }, true);
}

/** What was typed in a number field whose comma the page refused (the field shows the rest): its text with the comma, while the field shows what that typing left. */
const typedWithComma = new WeakMap<HTMLInputElement, { text: string; shows: string }>();

function forget(field: HTMLInputElement): void {
  typedWithComma.delete(field);
  field.removeAttribute('aria-invalid');
}

/**
 * The text typed in a number field: its value, or, after a comma the page refused, the text with that
 * comma (',5', '1,5'), so that the field's reader refuses it by what was typed: the field kept showing
 * '5' and the seed, the example or a weight became 5. A value set since by the page (the field put back
 * to the value in use) is the field's own again.
 */
export function typedText(field: HTMLInputElement): string {
  const typed = typedWithComma.get(field);
  if (typed && typed.shows === field.value) return typed.text;
  if (typed) forget(field);
  return field.value;
}

/** The field put back to `value` (the one in use), its refused comma forgotten. */
export function putBack(field: HTMLInputElement, value: string): void {
  field.value = value;
  forget(field);
}
