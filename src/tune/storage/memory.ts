// A study kept in memory only (the library's default when no journal file is given): the same
// events as the journal, for one process.

import type { Trial } from '../trial.js';
import { applyEvent, thisHost } from './events.js';
import type { StudyHeader, StudyStorage, TrialClaim, TrialEnd } from './storage.js';

/** A study kept in this process's memory (tune()'s default store): lost when the process ends. */
export class MemoryStorage implements StudyStorage {
  private readonly byNumber = new Map<number, Trial>();

  async open(_header: StudyHeader): Promise<Trial[]> {
    return this.list();
  }

  async claim(choose: (trials: Trial[], nextNumber: number) => TrialClaim | undefined): Promise<Trial | undefined> {
    const number = this.byNumber.size;
    const c = choose(this.list(), number);
    if (!c) return undefined;
    applyEvent(this.byNumber, { event: 'start', number, params: c.params, pid: process.pid, host: thisHost(), retryOf: c.retryOf, time: '' });
    return this.byNumber.get(number);
  }

  async report(number: number, epoch: number, value: number): Promise<void> {
    applyEvent(this.byNumber, { event: 'report', number, epoch, value });
  }

  async finish(number: number, end: TrialEnd): Promise<void> {
    applyEvent(this.byNumber, { event: 'end', number, ...end });
  }

  async trials(): Promise<Trial[]> {
    return this.list();
  }

  async close(): Promise<void> {}

  private list(): Trial[] {
    return [...this.byNumber.values()].sort((a, b) => a.number - b.number);
  }
}
