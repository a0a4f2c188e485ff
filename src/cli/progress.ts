// Training progress: a bar with epoch, cost and ETA on a terminal (cli-progress), one line per
// N epochs otherwise (logs, CI, pipes).

import cliProgress from 'cli-progress';

export interface Progress {
  update(epoch: number, cost: number, valCost?: number): void;
  stop(): void;
}

export function createProgress(o: { epochs: number; enabled: boolean; printEvery: number }): Progress {
  if (!o.enabled) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({
      format: '  epoch {value}/{total} [{bar}] {percentage}% | cost {cost}{val} | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    }, cliProgress.Presets.shades_classic);
    bar.start(o.epochs, 0, { cost: '-', val: '' });
    return {
      update(epoch, cost, valCost) { bar.update(epoch, { cost: cost.toFixed(6), val: valCost === undefined ? '' : ` | val ${valCost.toFixed(6)}` }); },
      stop() { bar.stop(); },
    };
  }
  const started = Date.now();
  return {
    update(epoch, cost, valCost) {
      if (epoch === 1 || epoch % o.printEvery === 0 || epoch === o.epochs) {
        const elapsed = (Date.now() - started) / 1000;
        const eta = (elapsed / epoch) * (o.epochs - epoch);
        process.stdout.write(`  epoch ${String(epoch).padStart(String(o.epochs).length)}/${o.epochs}  cost ${cost.toFixed(6)}${valCost === undefined ? '' : `  val ${valCost.toFixed(6)}`}  (${elapsed.toFixed(1)} s, ETA ${eta.toFixed(0)} s)\n`);
      }
    },
    stop() {},
  };
}
