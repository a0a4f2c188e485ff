// The entry for require('backprop'). backprop is an ES module; Node >= 20.19 and >= 22.12 load it
// through require() (require(esm)), so this returns the same module the ESM import gives (one copy
// of the library, no dual-package hazard). Older Nodes get a one-line error saying what to do.
'use strict';
try {
  module.exports = require('../dist/src/node.js');
} catch (e) {
  if (e && (e.code === 'ERR_REQUIRE_ESM' || e.code === 'ERR_REQUIRE_ASYNC_MODULE')) {
    // a Node that can require() ES modules, yet this require() could not: another module loader is
    // in use (Jest's runtime on Node < 24.9, for one), and upgrading Node would not help
    const [major, minor] = process.versions.node.split('.').map(Number);
    const loader = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
    // turned off by its flag, on the command line or in NODE_OPTIONS (process.features.require_module is
    // false then, but Jest's sandbox says false too, with the flag nowhere: Jest 30 on Node 20.20)
    const flags = (process.execArgv || []).concat(String((process.env && process.env.NODE_OPTIONS) || '')).join(' ');
    const off = loader && /(^|\s)--no-experimental-require-module\b/.test(flags);
    throw new Error(off
      ? `backprop is an ES module, and require() of ES modules is turned off in this process (--no-experimental-require-module, on the command line or in NODE_OPTIONS): leave that flag out, or load it with import / import()`
      : loader
        ? `backprop is an ES module, and the module loader in use cannot require() it (Node ${process.versions.node} itself can; Jest's cannot before Node 24.9): load it with import / import() (in Jest: ES module tests, run with NODE_OPTIONS=--experimental-vm-modules)`
        : `backprop is an ES module: load it with import / import(), or require() it on Node >= 20.19 or >= 22.12 (this is Node ${process.versions.node})`, { cause: e });
  }
  throw e;
}
