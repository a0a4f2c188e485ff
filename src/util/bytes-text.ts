// A byte count in words, for the messages about sizes and limits (browser-safe: no node: import).

/** A byte count in words: "256 MiB", "1.5 GiB", "10 bytes". */
export function formatBytes(n: number): string {
  for (const [unit, size] of [['TiB', 2 ** 40], ['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (n >= size) return `${+(n / size).toFixed(1)} ${unit}`;
  }
  return `${n} bytes`;
}
