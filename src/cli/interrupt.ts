// Ctrl-C, kill's SIGTERM and a closed terminal, for every command. A command that stops gracefully
// (train at the end of an epoch, tune between trials, the playground's server) registers its own
// stop with onStopSignal; any other command (predict, evaluate, export, ...), or a second signal,
// ends the process now: the files being written are abandoned (their targets stay as they were),
// and one line names the command and what was and was not written, exit 128 + the signal's number
// (130 for Ctrl-C, 143 for SIGTERM). They ended with no word, and a file written at that moment
// could be left half-made beside its target.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { abandonWrites } from '../io/write-file.js';
import { showPath } from '../io/path-text.js';
import { isStandardOutput } from './options.js';
import { signalExitCode, signalText, writeJsonError, type StopSignal } from './errors.js';

/** The signals that stop a command: Ctrl-C, kill (docker stop, a CI timeout), a closed terminal. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const satisfies readonly StopSignal[];

/** The options that name a file a command writes (a study journal is appended to, line by line: not one of them). */
const OUTPUT_OPTIONS = ['--out', '--save', '--plot', '--plot-boundary', '--plot-grad-norms'];

/** The commands' own stops, the latest last; each is called for the first signal after it was registered. */
const stops: { stop: (signal: StopSignal) => void; fired: boolean }[] = [];
/** The command that runs, and the files it was asked to write (flag and file). */
let running: { name: string; outputs: [string, string][] } | undefined;
let installed = false;

/**
 * Call `stop` with the first stop signal: the command stops as it does on Ctrl-C, saying so. A
 * second signal ends the process at once (endNow). Returns the function that removes the stop.
 */
export function onStopSignal(stop: (signal: StopSignal) => void): () => void {
  const entry = { stop, fired: false };
  stops.push(entry);
  return () => {
    const i = stops.indexOf(entry);
    if (i >= 0) stops.splice(i, 1);
  };
}

/** Install the rule (once, as the command line starts). */
export function installStopRule(): void {
  if (installed) return;
  installed = true;
  for (const s of STOP_SIGNALS) process.on(s, () => onSignal(s));
}

/** The command about to run: its name and the output files typed for it. */
export function commandStarting(command: Command): void {
  const outputs = command.options
    .filter((o) => o.long !== undefined && OUTPUT_OPTIONS.includes(o.long))
    .map((o) => [o.long!, command.getOptionValue(o.attributeName())] as const)
    .filter((pair): pair is readonly [string, string] => typeof pair[1] === 'string' && !isStandardOutput(pair[1]))
    .map(([flag, file]) => [flag, file] as [string, string]);
  running = { name: command.name(), outputs };
}

function onSignal(signal: StopSignal): void {
  const own = stops[stops.length - 1];
  if (own && !own.fired) {
    own.fired = true;
    own.stop(signal);
    return;
  }
  endNow(signal);
}

/** End the process now: abandon the writes under way, say what was and was not written, exit 128 + the signal's number. */
function endNow(signal: StopSignal): never {
  const { written } = abandonWrites();
  const line = interruptedLine(signal, written);
  process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}backprop: ${line}\n`); // (a new line after a progress bar)
  writeJsonError(line, signalExitCode(signal));
  process.exit(signalExitCode(signal));
}

/**
 * 'predict interrupted (Ctrl-C); not written: --out preds.csv (left as it was)', 'export interrupted
 * (SIGTERM); written: a.onnx'; before a command has started, 'interrupted (Ctrl-C) while starting; ...'.
 */
export function interruptedLine(signal: StopSignal, written: readonly string[]): string {
  const done = (file: string) => written.some((w) => path.resolve(w) === path.resolve(file) || path.resolve(w).startsWith(path.resolve(file) + path.sep));
  const unwritten = (running?.outputs ?? []).filter(([, file]) => !done(file));
  const parts = [
    ...(written.length > 0 ? [`written: ${written.map(showPath).join(', ')}`] : []),
    // (a file that was there before is said to be as it was; one that was not, only not written)
    ...(unwritten.length > 0 ? [`not written: ${unwritten.map(([flag, file]) => `${flag} ${showPath(file)}${existsSync(file) ? ' (left as it was)' : ''}`).join(', ')}`] : []),
  ];
  const who = running ? `${running.name} interrupted (${signalText(signal)})` : `interrupted (${signalText(signal)}) while starting`;
  return `${who}; ${parts.length > 0 ? parts.join('; ') : 'no file was written'}`;
}
