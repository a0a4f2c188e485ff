// Every command of the CLI, one module each.
import type { Command } from 'commander';
import { register as demo } from './demo.js';

export function registerCommands(program: Command): void {
  demo(program);
}
