// A long read in steps: the CSV reader's passes are generators that yield between pieces of the text
// (about every megabyte), so that an async caller (loadDataset) gives the event loop a turn while a
// large file is read: a Ctrl-C or a SIGTERM waited for the whole read (about 11 s on a 200 MB
// predict) before the command line could answer it. The synchronous API runs the same steps through
// without pausing. Pure (no Node module): it runs in a browser.

import { nextTurn } from '../util/next-turn.js';

/** The steps of a read that ends with a T; each yield is a place where it may pause. */
export type Steps<T> = Generator<void, T, void>;

/** Run the steps to their end at once (the synchronous API). */
export function finishSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How long the steps run before the event loop is given a turn, in milliseconds. */
const TURN_MS = 50;

/** Run the steps to their end, giving the event loop a turn at least every TURN_MS of work; an aborted `signal` stops them there (its reason is thrown). */
export async function finishStepsAsync<T>(steps: Steps<T>, signal?: AbortSignal): Promise<T> {
  let since = Date.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (Date.now() - since >= TURN_MS) {
      await nextTurn();
      signal?.throwIfAborted();
      since = Date.now();
    }
  }
}
