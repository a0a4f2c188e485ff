// Real-world data files through the command line (battery s28).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { backprop, tempDir } from '../helpers/cli.js';

test('predict on a folder of pictures names the file of each prediction (it printed a list of classes in an order the user had to guess)', () => {
  const root = tempDir();
  after(() => rmSync(root, { recursive: true, force: true }));
  const folder = path.join(root, 'pictures');
  const written: string[] = [];
  for (const [cls, shade] of [['dark', 30], ['light', 220]] as const) {
    mkdirSync(path.join(folder, cls), { recursive: true });
    for (const name of ['b.png', 'A.png', 'c.png']) {
      const png = new PNG({ width: 4, height: 4 });
      png.data.fill(shade);
      writeFileSync(path.join(folder, cls, name), PNG.sync.write(png));
      written.push(`${cls}/${name}`);
    }
  }
  const model = path.join(root, 'model.json');
  const trained = backprop(['train', '--data', folder, '--epochs', '1', '--test-split', '0', '--save', model]);
  assert.equal(trained.code, 0, trained.stderr);
  const r = backprop(['predict', '--model', model, '--data', folder, '--proba']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'file,prediction,p_dark,p_light');
  const files = lines.slice(1).map((l) => l.split(',')[0]);
  assert.deepEqual([...files].sort(), [...written].sort(), 'one line per picture, named relative to the folder');
  // one class folder read alone: the names are the pictures'
  const one = backprop(['predict', '--model', model, '--data', path.join(folder, 'light')]);
  assert.equal(one.code, 0, one.stderr);
  assert.deepEqual(one.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[0]).sort(), ['A.png', 'b.png', 'c.png']);
});
