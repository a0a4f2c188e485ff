// Round learn36 (a student comparing the initialisations' variance with the course): `train --help` named
// the schemes without their draws (is `xavier` the lectures' √(1/n[l-1]) or Glorot's √(2/(n[l-1]+n[l]))?) and
// gave a default ("he for ReLU layers, xavier otherwise") that was not the library's (lecun for selu, he for
// leakyRelu and elu). Now the help is made from the library's INIT_FORMULAS and DEFAULT_INIT_TEXT, and the
// formulas are the draws initScale makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop } from '../helpers/cli.js';
import { INIT_FORMULAS, INIT_NAMES, DEFAULT_INIT_TEXT, defaultInit, initScale, ACTIVATION_NAMES } from '../../src/index.js';

test('train --help gives each initialisation\'s draw and the default the library chooses', () => {
  const r = backprop(['train', '--help']);
  assert.equal(r.code, 0, r.stderr);
  const help = r.stdout.replace(/\s+/g, ' ');
  for (const phrase of ['zeros (0)', 'normal (randn * 0.01)', 'lecun (randn * sqrt(1/n[l-1]), the course\'s Xavier for tanh)',
    'xavier (randn * sqrt(2/(n[l-1]+n[l])), Glorot\'s)', 'he (randn * sqrt(2/n[l-1]))',
    'default: he for relu, leakyRelu and elu layers, lecun for selu, xavier otherwise']) {
    assert.ok(help.includes(phrase), `${phrase}\n${help}`);
  }
});

test('DEFAULT_INIT_TEXT says what defaultInit chooses for every activation', () => {
  for (const a of ACTIVATION_NAMES.filter((n) => n !== 'softmax' && n !== 'linear')) {
    const chosen = defaultInit(a);
    const said = /he for ([\w, ]+) layers/.exec(DEFAULT_INIT_TEXT)![1]!.split(/, | and /).includes(a) ? 'he'
      : /lecun for (\w+)/.exec(DEFAULT_INIT_TEXT)![1] === a ? 'lecun' : 'xavier';
    assert.equal(said, chosen, a);
  }
});

test('INIT_FORMULAS are the scales initScale draws with (n[l-1] = 500, n[l] = 300)', () => {
  const scale: Record<string, number> = { zeros: 0, normal: 0.01, lecun: Math.sqrt(1 / 500), xavier: Math.sqrt(2 / 800), he: Math.sqrt(2 / 500) };
  for (const n of INIT_NAMES) {
    assert.ok(INIT_FORMULAS[n].length > 0);
    assert.ok(Math.abs(initScale(n, 500, 300) - scale[n]!) < 1e-15, n);
  }
});
