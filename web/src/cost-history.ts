// The costs of a run, epoch by epoch, as the cost chart and costs.csv show them: a run that plays for
// an hour at 30 epochs a frame kept every epoch's two costs (16 bytes an epoch, without bound). Beyond
// MAX_KEPT_EPOCHS every other kept epoch is let go, so the kept ones are spread over the whole run;
// each kept cost stays exact, with its own epoch number, and the last epoch is always there.

/** Most epochs whose costs a run keeps (3 numbers each): past it, every other one is let go. */
export const MAX_KEPT_EPOCHS = 20_000;

/** One kept epoch: its number (1-based) and its training and test costs. */
export interface CostPoint { epoch: number; train: number; test: number }

export class CostHistory {
  private epochs: number[] = [];
  private trains: number[] = [];
  private tests: number[] = [];
  /** The kept epochs are 1, 1 + every, 1 + 2 every, ... (and the last). */
  every = 1;
  private last: CostPoint | undefined;

  /** The number of points (the kept epochs, and the last epoch when it is not one of them). */
  get size(): number {
    return this.epochs.length + (this.lastApart() ? 1 : 0);
  }

  /** Point i (0 .. size - 1), in the order of the epochs. */
  at(i: number): CostPoint | undefined {
    if (i < this.epochs.length) return i < 0 ? undefined : { epoch: this.epochs[i]!, train: this.trains[i]!, test: this.tests[i]! };
    return i === this.epochs.length && this.lastApart() ? this.last : undefined;
  }

  /** Point i's training or test cost, without building the point (the chart reads every point at every frame). */
  cost(i: number, which: 'train' | 'test'): number {
    if (i >= 0 && i < this.epochs.length) return (which === 'train' ? this.trains : this.tests)[i]!;
    return this.at(i)?.[which] ?? NaN;
  }

  /** The last epoch's costs. */
  get latest(): CostPoint | undefined { return this.last; }

  clear(): void {
    this.epochs = []; this.trains = []; this.tests = [];
    this.every = 1;
    this.last = undefined;
  }

  /** The costs of epochs that end at `lastEpoch` (train[i] is that of epoch lastEpoch - n + 1 + i). */
  append(train: readonly number[], test: readonly number[], lastEpoch: number): void {
    const first = lastEpoch - train.length + 1;
    for (let i = 0; i < train.length; i++) this.push({ epoch: first + i, train: train[i]!, test: test[i] ?? NaN });
  }

  private push(p: CostPoint): void {
    this.last = p;
    if ((p.epoch - 1) % this.every !== 0) return;
    this.epochs.push(p.epoch); this.trains.push(p.train); this.tests.push(p.test);
    if (this.epochs.length > MAX_KEPT_EPOCHS) this.thin();
  }

  /** Let every other kept epoch go: those of 1, 1 + 2 every, ... stay. */
  private thin(): void {
    this.every *= 2;
    let k = 0;
    for (let i = 0; i < this.epochs.length; i++) {
      if ((this.epochs[i]! - 1) % this.every !== 0) continue;
      this.epochs[k] = this.epochs[i]!; this.trains[k] = this.trains[i]!; this.tests[k] = this.tests[i]!;
      k++;
    }
    this.epochs.length = this.trains.length = this.tests.length = k;
  }

  private lastApart(): boolean {
    return this.last !== undefined && this.last.epoch !== this.epochs[this.epochs.length - 1];
  }

  /** The costs of every epoch up to the last, for a run kept for Back and Forward; undefined when some were let go. */
  everyEpoch(): { train: number[]; test: number[] } | undefined {
    if (this.every !== 1) return undefined;
    return { train: [...this.trains], test: [...this.tests] };
  }

  /** The kept costs as CSV, one row per kept epoch (each exact). */
  csv(): string {
    const rows: string[] = [];
    for (let i = 0; i < this.size; i++) {
      const p = this.at(i)!;
      rows.push(`${p.epoch},${p.train},${Number.isNaN(p.test) ? '' : p.test}`);
    }
    return `epoch,train_cost,test_cost\n${rows.map((r) => `${r}\n`).join('')}`;
  }
}
