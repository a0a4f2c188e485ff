// The entry for require('backprop'). backprop is an ES module; Node >= 20.19 and >= 22.12 load it
// through require() (require(esm)), so this returns the same module the ESM import gives (one copy
// of the library, no dual-package hazard). Where the module loader in use cannot require an ES module
// (Jest's runtime before Node 24.9, or without --experimental-vm-modules; Node before 20.19 / 22.12;
// require(esm) turned off by its flag; Node 20's require(esm) under --experimental-default-type=module, which
// cannot link it), it returns the CommonJS bundle of the same library instead
// (dist/cjs/backprop.cjs, scripts/bundle-cjs.mjs): each require() of backprop in a process meets the
// same failure, so every one of them gets the bundle, and a process loads one of the two through require.
// Where neither can load (Node < 20, Yarn Plug'n'Play's zip archives, no bundle), one line says what to do.
'use strict';

/** The one-line reason require(esm) failed with `e`, or undefined for an error of another kind. */
function reason(e) {
  const node = process.versions.node;
  // Yarn Plug'n'Play: Node's require(esm) does not read the ES modules inside Yarn's zip archives
  // (Node 20.20, Yarn 4.18; import() of backprop works there, threads and all)
  if (e.code === 'ERR_MODULE_NOT_FOUND' && process.versions.pnp) {
    return `backprop is an ES module, and under Yarn Plug'n'Play Node ${node}'s require() cannot load ES modules from Yarn's zip archives: load it with import / import(), or set nodeLinker: node-modules in .yarnrc.yml`;
  }
  // Node 20's require(esm) under --experimental-default-type=module (a .cjs file's require) cannot link an
  // ES module that imports another ("request for './node-version.js' is not in cache"): Node's, not backprop's
  if (e.code === 'ERR_VM_MODULE_LINK_FAILURE') {
    return `backprop is an ES module, and Node ${node}'s require() of ES modules could not link it (${String(e.message).split('\n')[0]}; Node 20 does so under --experimental-default-type=module): leave that flag out, or load it with import / import()`;
  }
  if (e.code !== 'ERR_REQUIRE_ESM' && e.code !== 'ERR_REQUIRE_ASYNC_MODULE') return undefined;
  // a Node that can require() ES modules, yet this require() could not: another module loader is
  // in use (Jest's runtime on Node < 24.9, for one), and upgrading Node would not help
  const [major, minor] = node.split('.').map(Number);
  // older than package.json's "engines": import() fails there too (dist/src/node-version.js says the same)
  if (major < 20) return `backprop needs Node.js 20 or newer (this is Node ${node}): install a current Node (nodejs.org, or e.g. nvm install 22)`;
  const loader = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
  // turned off by its flag, on the command line or in NODE_OPTIONS (process.features.require_module is
  // false then, but Jest's sandbox says false too, with the flag nowhere: Jest 30 on Node 20.20)
  const flags = (process.execArgv || []).concat(String((process.env && process.env.NODE_OPTIONS) || '')).join(' ');
  if (loader && /(^|\s)--no-experimental-require-module\b/.test(flags)) {
    return 'backprop is an ES module, and require() of ES modules is turned off in this process (--no-experimental-require-module, on the command line or in NODE_OPTIONS): leave that flag out, or load it with import / import()';
  }
  if (!loader) return `backprop is an ES module: load it with import / import(), or require() it on Node >= 20.19 or >= 22.12 (this is Node ${node})`;
  // Jest 30's loader requires an ES module from Node 24.9 on, and only with vm modules turned on (tried:
  // babel-jest's and ts-jest's CommonJS output pass on Node 24.21 with the flag and fail without it; on
  // Node 20.20 they fail either way). The line said "Jest's cannot before Node 24.9" on Node 24.21 too.
  const vmModules = /(^|\s)--experimental-vm-modules\b/.test(flags);
  const jestCan = major > 24 || (major === 24 && minor >= 9);
  if (jestCan && !vmModules) {
    return `backprop is an ES module, and the module loader in use cannot require() it (Node ${node} itself can; Jest's can with NODE_OPTIONS=--experimental-vm-modules, which this process does not have): run with NODE_OPTIONS=--experimental-vm-modules, or load it with import / import()`;
  }
  return jestCan
    ? `backprop is an ES module, and the module loader in use cannot require() it (Node ${node} itself can): load it with import / import()`
    : `backprop is an ES module, and the module loader in use cannot require() it (Node ${node} itself can; Jest's only from Node 24.9, with NODE_OPTIONS=--experimental-vm-modules): load it with import / import() (in Jest: ES module tests, run with NODE_OPTIONS=--experimental-vm-modules), or use Node >= 24.9 with that option`;
}

/** The CommonJS bundle, or undefined when it is not there (a checkout built before it existed). */
function bundle() {
  try {
    return require('../dist/cjs/backprop.cjs');
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND' && /backprop\.cjs/.test(String(e.message).split('\n')[0])) return undefined;
    throw e;
  }
}

try {
  module.exports = require('../dist/src/node.js');
} catch (e) {
  const why = e ? reason(e) : undefined;
  if (!why) throw e;
  const [major] = process.versions.node.split('.').map(Number);
  // the loader cannot require (or link) an ES module: the same library as one CommonJS file (not on Node < 20, as "engines" says)
  const cjs = (e.code === 'ERR_REQUIRE_ESM' || e.code === 'ERR_VM_MODULE_LINK_FAILURE') && major >= 20 ? bundle() : undefined;
  if (!cjs) throw new Error(why, { cause: e });
  module.exports = cjs;
}
