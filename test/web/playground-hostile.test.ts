// The playground under hostile use, in Chromium: links edited by hand, fields typed with bad values,
// files that are not CSV, training that runs away. Each case: a one-line message naming what was
// wrong and what was expected, the page still usable, no uncaught error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, skipBrowser, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

const text = async (id: string) => (await s.page.textContent(`#${id}`)) ?? '';

test('a link edited by hand: the values the page cannot use are named with what was expected, and the link is rewritten to the settings in use', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?lr=-1&layers=100,100&act=foo&seed=1e20&data=circle');
  await waitForFreshNetwork(page);
  const msg = await text('message');
  assert.match(msg, /^The link has values the page cannot use, so their defaults are used: /);
  assert.match(msg, /layers '100,100' \(up to 6 hidden layers of 1 to 8 units/);
  assert.match(msg, /act 'foo' \(one of sigmoid, tanh,/);
  assert.match(msg, /lr '-1' \(one of 0\.00001, .*, 10\)/);
  assert.match(msg, /and 1 more\.$/, 'the fourth (seed) is counted, the line stays short');
  assert.equal(await page.locator('#message.error').count(), 1);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('lr'), '0.03');
  assert.equal(url.searchParams.get('layers'), '4,2');
  assert.equal(url.searchParams.get('seed'), '1', 'a copy of the link reproduces what the page trains');
  assert.equal(await page.locator('.node.hidden').count(), 6, 'the default 4,2 network');
  // a CSV is not in a link: said so
  await page.goto(s.server.url + '?data=csv');
  await waitForFreshNetwork(page);
  assert.match(await text('message'), /data 'csv' \(for classification: one of circle, .*; a CSV file is not kept in the link, load it again\)/);
  // a sound link says nothing and stays as it is
  await page.goto(s.server.url + '?lr=0.3&layers=8');
  await waitForFreshNetwork(page);
  assert.equal(await text('message'), '');
  assert.equal(new URL(page.url()).search, '?lr=0.3&layers=8');
  assert.deepEqual(s.errors, []);
});

test('a weight seed typed out of range or not whole is refused with the range; the seed in a link is one a link can carry', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?seed=5');
  await waitForFreshNetwork(page);
  for (const typed of ['-5', '1.5', '3000000000']) {
    await page.fill('#seed', typed);
    await page.press('#seed', 'Enter');
    await page.waitForFunction(() => (document.getElementById('message')!.textContent ?? '').startsWith('The weight seed'));
    assert.equal(await text('message'), `The weight seed must be a whole number from 0 to 2147483648; got '${typed}', so the seed stays 5.`);
    assert.equal(await page.inputValue('#seed'), '5');
    assert.equal(new URL(page.url()).searchParams.get('seed'), '5');
    await page.evaluate(() => { document.getElementById('message')!.textContent = ''; });
  }
  await page.fill('#seed', '2147483648');
  await page.press('#seed', 'Enter');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('seed') === '2147483648');
  await waitForFreshNetwork(page);
  const other = await s.context.newPage();
  await other.goto(page.url());
  await waitForFreshNetwork(other);
  assert.equal(await other.inputValue('#seed'), '2147483648', 'the link carries the seed');
  assert.equal(await other.getAttribute('#trainLoss', 'data-value'), await page.getAttribute('#trainLoss', 'data-value'), 'the same weights');
  await other.close();
  assert.deepEqual(s.errors, []);
});

test("a sweep in a link with a name of every object ('constructor') or a part without '=' is named, not an internal error", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?sweep=constructor%3D1');
  await waitForFreshNetwork(page);
  assert.match(await text('sweepStatus'), /^The link's sweep is not usable: sweep: unknown setting 'constructor' \(one of lr, batch, .*, metric\)$/);
  await page.goto(s.server.url + '?sweep=garbage');
  await waitForFreshNetwork(page);
  assert.equal(await text('sweepStatus'), "The link's sweep is not usable: sweep: 'garbage' is not setting=values (as lr=0.01,0.1)");
  assert.deepEqual(s.errors, []);
});
