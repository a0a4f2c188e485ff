// Hostile input, fifteenth sweep (command line): `--out -` wrote a file named '-' (predict), a folder
// named '-' (export --format tfjs) or a journal named '-' (tune --study); predict --out FILE with an
// image was ignored; `import` of a CSV or a model.json said "truncated ONNX"; `datasets fetch` exited
// 2 (bad usage) on a network failure, a run-time failure (1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { PNG } from 'pngjs';
import { backprop, fileWriter, ROOT, tempDir, usageError, type RunResult } from '../helpers/cli.js';

const dir = tempDir();
const write = fileWriter(dir);
const rows = Array.from({ length: 40 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${(i % 3) / 3},${i % 2}`).join('\n');
write('good.csv', `x1,x2,x3,y\n${rows}\n`);
const trained = backprop(['train', '--data', 'good.csv', '--layers', 'none', '--epochs', '2', '--save', 'm.json'], { cwd: dir });
assert.equal(trained.code, 0, trained.stderr);

/** The files of the folder but the ones made above: nothing named '-' may appear. */
const noDash = () => assert.ok(!readdirSync(dir).includes('-'), `a file named '-' was made in ${dir}`);

test("predict --out - writes the predictions to standard output, as without --out (it wrote a file named '-')", () => {
  const plain = backprop(['predict', '--model', 'm.json', '--data', 'good.csv', '--proba'], { cwd: dir });
  assert.equal(plain.code, 0, plain.stderr);
  const dash = backprop(['predict', '--model', 'm.json', '--data', 'good.csv', '--proba', '--out', '-'], { cwd: dir });
  assert.equal(dash.code, 0, dash.stderr);
  assert.equal(dash.stdout, plain.stdout);
  assert.match(dash.stdout, /^prediction,p_0,p_1\n/);
  assert.equal(dash.stdout.trim().split('\n').length, 41);
  assert.doesNotMatch(dash.stderr, /written to/);
  noDash();
});

test('predict --out FILE with an image is refused (the prediction was printed and FILE never written, silently)', () => {
  const png = new PNG({ width: 1, height: 1 });
  png.data.set([200, 100, 50, 255]);
  write('dot.png', PNG.sync.write(png));
  usageError(backprop(['predict', '--model', 'm.json', '--data', 'dot.png', '--out', 'p.csv'], { cwd: dir }),
    /^backprop: error: --out p\.csv: the prediction for an image \(dot\.png\) is printed, not written as CSV; leave out --out \(or redirect the output\)$/);
  assert.ok(!existsSync(path.join(dir, 'p.csv')));
  // '-' is standard output, where it goes anyway
  const r = backprop(['predict', '--model', 'm.json', '--data', 'dot.png', '--out', '-'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^dot\.png: [01] \(probability 0\.\d+\)\n$/);
});

test('import --out - writes the model file to standard output and what it did to stderr', () => {
  const made = backprop(['export', '--model', 'm.json', '--format', 'onnx', '--out', 'm.onnx'], { cwd: dir });
  assert.equal(made.code, 0, made.stderr);
  const r = backprop(['import', 'm.onnx', '--out', '-'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.format, 'backprop-model');
  assert.match(r.stderr, /^wrote the model to standard output: 3-1\(sigmoid\) \(binary, classes 0, 1/);
  noDash();
});

test("an output that cannot go to standard output refuses '-' saying so (a folder or file named '-' was made)", () => {
  const refused = (args: string[], flag: string, what: RegExp) => {
    const r = backprop(args, { cwd: dir });
    usageError(r, new RegExp(`^backprop: error: ${flag} -: '-' \\(standard output\\) cannot take ${what.source}; give a file name \\(\\./- for a file named '-'\\)$`));
    noDash();
  };
  refused(['export', '--model', 'm.json', '--format', 'tfjs', '--out', '-'], '--out', /an exported model \(an ONNX model is a binary file, a TF\.js model a folder of files\)/);
  refused(['export', '--model', 'm.json', '--format', 'onnx', '--out', '-'], '--out', /an exported model \(an ONNX model is a binary file, a TF\.js model a folder of files\)/);
  refused(['tune', '--data', 'good.csv', '--lr', '0.1..0.5', '--trials', '1', '--epochs', '1', '--study', '-'], '--study', /the study journal, a file read back to continue the study/);
  refused(['train', '--data', 'good.csv', '--epochs', '1', '--save', '-'], '--save', /the model: standard output carries the training report/);
  refused(['train', '--data', 'good.csv', '--epochs', '1', '--plot', '-'], '--plot', /a chart: its format comes from its name, \.svg or \.png/);
  refused(['datasets', 'fetch', 'mnist', '--dir', '-', '--base-url', 'http://127.0.0.1:1/'], '--dir', /the download cache, a folder/);
  refused(['inspect', '--model', 'm.json', '--data', 'good.csv', '--plot-boundary', '-'], '--plot-boundary', /a chart: its format comes from its name, \.svg or \.png/);
  refused(['tune', '--data', 'good.csv', '--lr', '0.1..0.5', '--trials', '1', '--epochs', '1', '--save', '-'], '--save', /the model: standard output carries the study report/);
});

test('import of a text file says what it is, with the flag to use, not "truncated ONNX"', () => {
  usageError(backprop(['import', 'good.csv', '--out', 'x.json'], { cwd: dir }),
    /^backprop: error: good\.csv: not an ONNX model: it is a text file that looks like CSV data \(starts with 'x1,x2,x3,y\.\.\.'\); data is given as --data, an ONNX model is a binary \.onnx file$/);
  usageError(backprop(['import', 'm.json', '--format', 'onnx', '--out', 'x.json'], { cwd: dir }),
    /^backprop: error: m\.json: not an ONNX model: it is a backprop model file \(starts with '\{"format":"backprop-\.\.\.'\), which is used as it is: give it as --model to predict, evaluate or export$/);
  const tf = backprop(['export', '--model', 'm.json', '--format', 'tfjs', '--out', 'tf'], { cwd: dir });
  assert.equal(tf.code, 0, tf.stderr);
  usageError(backprop(['import', 'tf/model.json', '--format', 'onnx', '--out', 'x.json'], { cwd: dir }),
    /^backprop: error: tf\/model\.json: not an ONNX model: it is a TF\.js model\.json \(starts with '\{"format":"layers-mo\.\.\.'\): import it with --format tfjs$/);
  write('notes.txt', 'trained on the iris data\n');
  usageError(backprop(['import', 'notes.txt', '--out', 'x.json'], { cwd: dir }), /notes\.txt: not an ONNX model: it is a text file \(starts with 'trained on the iris\.\.\.'\); an ONNX model is a binary \.onnx file$/);
  assert.ok(!existsSync(path.join(dir, 'x.json')));
});

/** Run the CLI without blocking this process (a server runs in it). */
function run(args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/backprop.js'), ...args], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Exit code 1 (a run-time failure) and one line, `backprop: error: ...` matching pattern. */
function runtimeError(r: RunResult, pattern: RegExp): void {
  assert.equal(r.code, 1, `exit code ${r.code}:\n${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${r.stderr}`);
  assert.match(lines[0]!, pattern);
}

test('datasets fetch: an HTTP error or a refused connection exits 1 (a run-time failure) with one line naming the URL and the cause (it exited 2)', async () => {
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/missing/')) res.writeHead(404, 'Not Found').end();
    else res.writeHead(500, 'Internal Server Error').end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const cache = tempDir();
    runtimeError(await run(['datasets', 'fetch', 'mnist', '--dir', cache, '--base-url', `${base}/missing/`]),
      new RegExp(`^backprop: error: cannot download ${base}/missing/train-images-idx3-ubyte\\.gz: HTTP 404 Not Found$`));
    runtimeError(await run(['datasets', 'fetch', 'mnist', '--dir', cache, '--base-url', `${base}/broken/`]),
      new RegExp(`^backprop: error: cannot download ${base}/broken/train-images-idx3-ubyte\\.gz: HTTP 500 Internal Server Error$`));
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
  // a loopback port nobody listens on: taken, then let go
  const probe = http.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  runtimeError(await run(['datasets', 'fetch', 'mnist', '--dir', tempDir(), '--base-url', `http://127.0.0.1:${port}/`]),
    new RegExp(`^backprop: error: cannot download http://127\\.0\\.0\\.1:${port}/train-images-idx3-ubyte\\.gz: connection refused \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)$`));
  // a bad --base-url is still bad usage
  usageError(await run(['datasets', 'fetch', 'mnist', '--dir', tempDir(), '--base-url', 'ftp://127.0.0.1/']), /--base-url must be an http:\/\/ or https:\/\/ URL/);
});

test('datasets fetch: a download cut off exits 1 naming the URL, and keeps the part to resume', async () => {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Length': 1000 });
    res.write(Buffer.alloc(300), () => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const cache = tempDir();
  try {
    runtimeError(await run(['datasets', 'fetch', 'mnist', '--dir', cache, '--base-url', base]),
      /^backprop: error: download of http:\/\/127\.0\.0\.1:\d+\/train-images-idx3-ubyte\.gz was cut off \(.+\); run the command again to resume$/);
    assert.ok(existsSync(path.join(cache, 'mnist', 'train-images-idx3-ubyte.gz.part')));
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

