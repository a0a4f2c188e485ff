// Which copy of backprop made an object. One program can load two copies: two versions installed (a
// dependency's own backprop nested in its node_modules), or the ES module imported and the CommonJS
// bundle required under a loader that cannot require an ES module (docs/packaging.md). Each copy has
// its own Matrix, Network and Model, so an object of the one fails the other's instanceof, and the
// message said "must be a Matrix, got a Matrix". Their prototypes answer this copy's mark under a key
// every copy shares (Symbol.for), so a check can tell an object of another copy from anything else.
// A getter on the prototype: nothing runs at import (package.json "sideEffects"), nothing per object.

/** The key under which the prototypes of every copy answer their copy's mark. */
export const COPY_MARK: unique symbol = Symbol.for('backprop.copy');

/** This copy's mark: an object no other copy has. */
const THIS_COPY: object = Object.freeze({});

/** The mark the prototypes of this copy's classes return (`get [COPY_MARK]() { return thisCopy(); }`). */
export function thisCopy(): object {
  return THIS_COPY;
}

/** Whether `v` is an object of a class of another copy of backprop (a Matrix, Network or Model it made). */
export function fromAnotherCopy(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const mark = (v as { [COPY_MARK]?: unknown })[COPY_MARK];
  return mark !== undefined && mark !== THIS_COPY;
}

/** What to say after 'a Matrix' (or Network, Model) of another copy: why it is refused and what to do. */
export const ANOTHER_COPY_TEXT = 'from another copy of backprop in this program (`npm ls backprop` lists the installed ones): '
  + "one copy's objects cannot be given to another; install one version, or pass a model as JSON (Model.fromJson(JSON.stringify(model)))";
