// The parts of the page loaded after it opened (a module loaded with import() when first used, a worker's
// script) may fail to load: the browser went offline after the page opened, the server was stopped, or the
// page was updated there and its old parts are gone. The page then says so in one line, with what to do
// (Export, Import, Inspect and a CSV did nothing, or said 'Reading mine.csv…' for good, with the error in
// the console only; a sweep said 'A sweep worker failed: undefined').

/** What the page says when `what` (e.g. 'the CSV reader') could not be loaded. */
export function notLoadedText(what: string): string {
  return navigator.onLine
    ? `The page could not load ${what}: the server did not send it (was it stopped, or the page updated there?); reload the page and try again.`
    : `The page could not load ${what}: the browser is offline; reload the page when it is back online.`;
}

/** import() of a part of the page: undefined, after `say` was told why, when it cannot be loaded. */
export async function loadPart<T>(what: string, load: () => Promise<T>, say: (text: string) => void): Promise<T | undefined> {
  try {
    return await load();
  } catch (e) {
    if (!isLoadFailure(e)) throw e;
    say(notLoadedText(what));
    return undefined;
  }
}

/** A module that could not be fetched (not one that threw as it ran: that is a fault to see, not a network's). */
const isLoadFailure = (e: unknown) => e instanceof TypeError && /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(e.message);

/**
 * What the page says when a worker failed (`who`: 'The training worker'): its error's message without the
 * console's 'Uncaught XError: ' in front; an error event without a message is a script that did not load.
 */
export function workerFailedText(who: string, e: ErrorEvent): string {
  if (!e.message) return notLoadedText(`${who.charAt(0).toLowerCase()}${who.slice(1)}'s script`);
  return `${who} failed: ${e.message.replace(/^Uncaught (\w*Error: )?/, '')}`;
}
