// The command line reading data, thirty-fifth sweep: a Ctrl-C or a SIGTERM while a large CSV file was
// read waited for the whole read (about 11 s on a 200 MB predict) before the command's one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, ROOT, tempDir } from '../helpers/cli.js';

const dir = tempDir('backprop-data35-');
const BIN = path.join(ROOT, 'bin/backprop.js');

/** A CSV of two features and a 0/1 label, `rows` rows, each field in quotes when `quoted` (csv-parse's path, 10 to 20 times slower). */
function pointsCsv(name: string, rows: number, quoted = false): string {
  const q = quoted ? '"' : '';
  const lines = [`${q}a${q},${q}b${q},${q}y${q}`];
  for (let i = 0; i < rows; i++) {
    const a = ((i * 7919) % 1000) / 1000, b = ((i * 104729) % 1000) / 1000;
    lines.push(`${q}${a}${q},${q}${b}${q},${q}${a + b > 1 ? 1 : 0}${q}`);
  }
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Characters the process has read so far (Linux's /proc/<pid>/io), or undefined where it cannot be known. */
function charsRead(pid: number): number | undefined {
  const file = `/proc/${pid}/io`;
  if (!existsSync(file)) return undefined;
  try {
    const m = /^rchar: (\d+)$/m.exec(readFileSync(file, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Run backprop; send `signal` once it has read `bytes` (the data file: its read is over and its parse under way), or after 2.5 s where that cannot be seen. */
async function interruptWhileReading(args: string[], bytes: number, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string; waitedMs: number }> {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' } });
  let stderr = '', finished = false;
  child.stderr!.on('data', (b: Buffer) => { stderr += b.toString(); });
  child.stdout!.resume();
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => { finished = true; resolve(code); }));
  const t0 = Date.now();
  for (;;) {
    const read = charsRead(child.pid!);
    if (finished || (read === undefined ? Date.now() - t0 > 2500 : read > bytes)) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const sent = Date.now();
  child.kill(signal);
  const code = await done;
  return { code, stderr, waitedMs: Date.now() - sent };
}

const model = path.join(dir, 'm.json');

test('setup: a model', () => {
  assert.equal(backprop(['train', '--data', pointsCsv('small.csv', 40), '--epochs', '2', '--save', model]).code, 0);
});

test('a Ctrl-C or a SIGTERM while a large CSV is read is answered at once with the one line (it waited for the whole read)', async () => {
  // quoted fields: read by csv-parse, about 7 s for these 8 MB here; plain numbers: about 2 s for 30 MB, in two passes
  const quoted = pointsCsv('quoted.csv', 600_000, true);
  const plain = pointsCsv('plain.csv', 1_800_000);
  for (const [args, file, signal, code, line] of [
    [['predict', '--model', model, '--data', quoted, '--out', path.join(dir, 'p.csv')], quoted, 'SIGINT', 130, /^backprop: predict interrupted \(Ctrl-C\); not written: --out .*p\.csv\n$/],
    [['train', '--data', plain, '--epochs', '1'], plain, 'SIGTERM', 143, /^backprop: interrupted \(SIGTERM\) before training began; no model was saved \(no --save\)\n$/],
  ] as const) {
    const size = statSync(file).size;
    const run = await interruptWhileReading([...args], size, signal);
    assert.equal(run.code, code, run.stderr);
    assert.match(run.stderr, line);
    // (the read alone takes seconds; a turn of the event loop is given every 50 ms of it)
    assert.ok(run.waitedMs < 1500, `answered ${run.waitedMs} ms after the signal`);
  }
});
