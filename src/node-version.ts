// The first module the Node entry evaluates: on a Node older than package.json's "engines" (>= 20), one
// line says so, before anything else runs (before, Node 16 stopped at a SyntaxError about node:os,
// and Node 18 ran on, untested, with dependencies, commander 14 for one, that need 20). It has no imports, and
// the rest of the graph imports Node's built-ins by namespace where a name is newer than Node 18, so
// linking the graph on an old Node cannot fail before this runs. Bun and Deno report a Node version too.

/** The oldest Node major version backprop runs on (package.json "engines": ">=20"). */
export const MIN_NODE_MAJOR = 20;

/** The one-line reason this Node is too old, or undefined when it is new enough (or no Node at all). */
export function nodeTooOld(version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  const major = Number(version.split('.')[0]);
  if (!(major < MIN_NODE_MAJOR)) return undefined;
  return `backprop needs Node.js ${MIN_NODE_MAJOR} or newer (this is Node ${version}): install a current Node (nodejs.org, or e.g. nvm install 22)`;
}

const tooOld = nodeTooOld(typeof process !== 'undefined' ? process.versions?.node : undefined);
if (tooOld) throw new Error(tooOld);
