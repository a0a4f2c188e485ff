// Hostile input, eighteenth sweep (files, library). An empty file name was "file not found: " (nothing
// after the colon) from loadDataset, readCsv, readHdf5, readIdx, decodeImage and the image-folder
// reader; makeDirectory('') made no folder and said nothing; and loadModel('') said it "got a string".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as lib from '../../src/node.js';

test('every function that reads or writes a file refuses an empty name as an OptionError naming the argument', async () => {
  const empty = /, got an empty string$/;
  const calls: [string, () => unknown][] = [
    ['loadDataset', () => lib.loadDataset('')],
    ['readCsv', () => lib.readCsv('')],
    ['readCsvText', () => lib.readCsvText('')],
    ['readHdf5', () => lib.readHdf5('')],
    ['isHdf5File', () => lib.isHdf5File('')],
    ['readIdx', () => lib.readIdx('')],
    ['decodeImage', () => lib.decodeImage('')],
    ['loadImageAsColumn', () => lib.loadImageAsColumn('')],
    ['loadImageFolder', () => lib.loadImageFolder('')],
    ['makeDirectory', () => lib.makeDirectory('')],
    ['writeFileAtomic', () => lib.writeFileAtomic('', 'x')],
    ['loadModel', () => lib.loadModel('')],
    ['loadOnnx', () => lib.loadOnnx('')],
    ['loadTfjs', () => lib.loadTfjs('')],
  ];
  for (const [fn, call] of calls) {
    await assert.rejects(async () => call(), (e: Error) => {
      assert.equal(e.name, 'OptionError', `${fn}: ${e.message}`);
      assert.ok(e.message.startsWith(`${fn}: `), e.message);
      assert.match(e.message, empty, fn);
      return true;
    });
  }
});
