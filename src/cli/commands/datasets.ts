// `backprop datasets`: the built-in sets, and `datasets fetch NAME` to download a public one.

import type { Command } from 'commander';
import { describeSynthetic } from '../../data/synthetic.js';
import { DEFAULT_FETCH_TIMEOUT, fetchDataset, REMOTE_DATASETS } from '../../data/fetch.js';
import { OptionError } from '../../errors.js';
import { parseNumberOption, refuseStdout, withoutEffect } from '../options.js';
import { printWarning } from '../errors.js';

export function register(program: Command): void {
  const cmd = program
    .command('datasets')
    .description('list the built-in datasets; `datasets fetch mnist` downloads MNIST with checksum verification')
    .argument('[action]', "'fetch' to download a dataset")
    .argument('[name]', `the dataset to fetch: ${Object.keys(REMOTE_DATASETS).join(', ')}`)
    // the default is found when fetching, not as the CLI starts (the home folder: Deno asks --allow-sys for it)
    .option('--dir <folder>', 'cache folder for downloads (default: $XDG_CACHE_HOME/backprop, else ~/.cache/backprop)')
    .option('--base-url <url>', 'download from this mirror instead of the default')
    .option('--timeout <seconds>', `give up when the server sends nothing for this long (default ${DEFAULT_FETCH_TIMEOUT}; a cut-off download resumes on the next run)`)
    .action(async (action: string | undefined, name: string | undefined, o) => {
      if (action === undefined) {
        // (they were dropped, silently: nothing is downloaded without fetch)
        withoutEffect(cmd, ['dir', 'baseUrl', 'timeout'].map((key) => ({ key, applies: false, why: "it is for 'backprop datasets fetch NAME', and this lists the datasets" }))).forEach(printWarning);
        process.stdout.write('built-in datasets (use the name as --data; --samples, --noise and --data-seed apply):\n');
        for (const d of describeSynthetic()) process.stdout.write(`  ${d.name.padEnd(14)} ${d.description} (${d.defaultSamples} examples)\n`);
        process.stdout.write('\ndatasets to fetch (backprop datasets fetch NAME):\n');
        for (const d of Object.values(REMOTE_DATASETS)) process.stdout.write(`  ${d.name.padEnd(14)} ${d.description}\n`);
        return;
      }
      if (action !== 'fetch') throw new OptionError(`unknown datasets action '${action}'; use 'backprop datasets' or 'backprop datasets fetch NAME'`);
      if (!name) throw new OptionError(`datasets fetch needs a name: ${Object.keys(REMOTE_DATASETS).join(', ')}`);
      // (--dir - made a cache folder named '-')
      refuseStdout(o.dir, '--dir', 'the download cache, a folder');
      const timeout = o.timeout === undefined ? undefined : parseNumberOption(String(o.timeout), '--timeout', { positive: true, max: 3600 });
      const dir = await fetchDataset(name, { dir: o.dir, baseUrl: o.baseUrl, timeout, log: (s) => process.stderr.write(s + '\n') });
      process.stdout.write(`${name} is in ${dir}\n`);
    });
  void cmd;
}
