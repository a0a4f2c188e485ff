// csvHeader gives the header verdict that parseCsv's header: 'auto' reaches (battery page32): the
// playground decided by its own rule, and took a first line of numbers with a missing value for names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvHeader, parseCsv } from '../../src/index.js';

test("csvHeader: a first line of numbers and missing values over columns of numbers is data, as parseCsv reads it; a line of names is a header", () => {
  for (const text of ['1,2,?\n3,4,0\n5,6,1\n', ',,\n3,4,0\n5,6,1\n', '1;2;NA\n3;4;0\n5;6;1\n', '\uFEFF1,2,3\n4,5,6\n']) {
    const { header } = csvHeader(text);
    assert.equal(header, false, JSON.stringify(text));
    assert.equal(parseCsv(text, { missing: 'drop', task: 'classification' }).dataset.featureNames.join(), '1,2', 'parseCsv agrees: the columns are named by position');
  }
  assert.deepEqual(csvHeader('x1,x2,label\n1,2,0\n'), { cells: ['x1', 'x2', 'label'], delimiter: ',', header: true });
  assert.equal(csvHeader('a,b\ncat,dog\n').header, true, 'columns of text cannot tell: the first line is kept as the header');
  assert.equal(csvHeader('sep=;\n1;2\n3;4\n').header, false, "after an Excel 'sep=' line");
});
