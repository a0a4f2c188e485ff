// The entry for require('backprop'). backprop is an ES module; Node >= 20.19 and >= 22.12 load it
// through require() (require(esm)), so this returns the same module the ESM import gives (one copy
// of the library, no dual-package hazard). Older Nodes get a one-line error saying what to do.
'use strict';
try {
  module.exports = require('../dist/src/node.js');
} catch (e) {
  if (e && (e.code === 'ERR_REQUIRE_ESM' || e.code === 'ERR_REQUIRE_ASYNC_MODULE')) {
    throw new Error(`backprop is an ES module: load it with import / import(), or require() it on Node >= 20.19 or >= 22.12 (this is Node ${process.versions.node})`, { cause: e });
  }
  throw e;
}
