// Hostile input to the library, ninth round: line numbers of CSV records whose quoted fields hold
// line breaks, and the families of the sweep below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/data/csv.js';
import { DataError } from '../../src/errors.js';

const refusedAt = (text: string, options: Record<string, unknown>, message: RegExp) =>
  assert.throws(() => parseCsv(text, options, 'f.csv'), (e: Error) => {
    assert.ok(e instanceof DataError, `${e.name}: ${e.message}`);
    assert.match(e.message, message);
    return true;
  }, JSON.stringify(text));

test('a CSV error names the line an editor shows for the start of the record: a quoted CRLF counted as two lines, and a record by its last line', () => {
  for (const nl of ['\n', '\r\n', '\r']) {
    // line 2 holds a record whose quoted field runs to line 3; the bad cell of line 2 is named at line 2
    refusedAt(`a,b,y${nl}1,"x${nl}y",0${nl}2,3,1${nl}4,5,0${nl}`, {}, /^f\.csv, line 2, column 'b': 'x y' is not a number/);
    // a record after it: lines 4 and 5, as an editor numbers them
    refusedAt(`a,b,y${nl}1,"x${nl}y",0${nl}2,3,1${nl}4,5,6,0${nl}`, { oneHot: ['b'] }, /^f\.csv, line 5: 4 fields, expected 3/);
    refusedAt(`a,b,y${nl}1,"x${nl}y",0${nl}2,"3",1${nl}4,,0${nl}`, { oneHot: ['b'] }, /^f\.csv, line 5, column 'b': empty cell/);
    // blank lines and a line of spaces between records, and two line breaks in one field
    refusedAt(`a,b,y${nl}1,"x${nl}${nl}y",0${nl}${nl}2,3,1${nl}  ${nl}4,"a"b,0${nl}`, {}, /^f\.csv, line 8, column 'b': text after the closing quote/);
    refusedAt(`a,b,y${nl}1,"x${nl}y",0${nl}4,a"b,0${nl}`, {}, /^f\.csv, line 4, column 'b': a quote after 'a' inside a field/);
  }
});

test('metrics refuse what they would silently misread: probabilities or NaN as class labels, no values at all, a misspelt task', async () => {
  const { accuracy, classificationReport, evaluate, regressionReport, Matrix, Network, OptionError } = await import('../../src/index.js');
  // a sigmoid's probabilities given as predictions counted as wrong answers: a perfect model scored 0.5
  assert.throws(() => accuracy([1, 0], [0.93, 0]), /^OptionError: yPred\[0\] is 0\.93: labels must be class indices, whole numbers >= 0/);
  assert.throws(() => accuracy([1, NaN], [1, 0]), /^OptionError: yTrue\[1\] is NaN: labels must be class indices/);
  assert.throws(() => accuracy(new Float64Array([1, -1]), [1, 1]), /^OptionError: yTrue\[1\] is -1: labels must be class indices/);
  assert.throws(() => classificationReport([1, 0], [1, 0.5], 2), /the predicted class 0\.5 is not a class index/);
  assert.equal(accuracy([1, 0, 2], new Int32Array([1, 1, 2])), 2 / 3);
  // no values: { mse: NaN, mae: NaN, r2: 1 }, a perfect fit of nothing
  assert.throws(() => regressionReport([], []), /^OptionError: no values: the metrics need at least one/);
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
  const X = new Matrix(2, 2, new Float32Array([0, 1, 1, 0]));
  assert.throws(() => evaluate(net, X, [0, 1], 'clasification' as 'binary'), (e: Error) => e instanceof OptionError && /^evaluate: task must be one of binary, multiclass, multilabel, regression, got 'clasification'; or leave it out/.test(e.message));
  assert.ok(evaluate(net, X, [0, 1], 'binary').classification);
});
