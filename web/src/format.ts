// One way to write a loss everywhere on the page (the readouts, the cost curve's values, the sweep's
// cells and notes, the divergence note): 3 decimals, in exponent form from 1e4 (toFixed writes 1e21 and
// above in 16 digits, wider than the panel); '–' for none. The cost curve wrote 4 decimals ('training
// cost 0.4823' beside 'Training loss 0.482'), the sweep 3 significant digits ('0.0482').

export function formatLoss(v: number): string {
  return !Number.isFinite(v) ? '–' : Math.abs(v) >= 1e4 ? v.toExponential(3) : v.toFixed(3);
}
