// The mean and standard deviation of float64 values that may be near float64's limit (1.8e308, which a
// float64 X holds): their plain sum, or their squares, overflow to Infinity (1e308 + 1e308 is Infinity;
// the square of 1.4e154 too), and a mean of Infinity or a std taken as 1 followed, silently or far from
// the cause. Each computes the plain way first (the same digits as before for usual data), and again
// in a way that cannot overflow only when that gave Infinity. Pure: it runs in a browser.

/**
 * mean = (1/n) sum(x), as sum(x / n) where sum(x) overflows. `skipMissing`: over the values that are not
 * NaN (missing cells; NaN when none is); else a NaN makes the mean NaN, as the plain sum does.
 */
export function wideMean(values: ArrayLike<number>, skipMissing = false): number {
  const counts = (v: number) => !skipMissing || !Number.isNaN(v);
  let sum = 0, n = 0;
  for (let j = 0; j < values.length; j++) {
    const v = values[j]!;
    if (counts(v)) { sum += v; n++; }
  }
  if (sum !== Infinity && sum !== -Infinity) return sum / n;
  let mu = 0;
  for (let j = 0; j < values.length; j++) if (counts(values[j]!)) mu += values[j]! / n;
  return mu;
}

/**
 * std = sqrt((1/m) sum((x - mean)^2)) over all values; where the squares overflow, as
 * 2s sqrt((1/m) sum(((x/2 - mean/2) / s)^2)) with s = max |x/2 - mean/2| (halves: x - mean itself may overflow).
 */
export function wideStd(values: ArrayLike<number>, mu: number): number {
  const m = values.length;
  let squares = 0;
  for (let j = 0; j < m; j++) squares += (values[j]! - mu) ** 2;
  if (squares !== Infinity || !Number.isFinite(mu)) return Math.sqrt(squares / m);
  let s = 0, scaled = 0;
  for (let j = 0; j < m; j++) s = Math.max(s, Math.abs(values[j]! / 2 - mu / 2));
  for (let j = 0; j < m; j++) scaled += ((values[j]! / 2 - mu / 2) / s) ** 2;
  return 2 * (s * Math.sqrt(scaled / m)); // (2s first overflowed where s passed half of float64's limit: a std of Infinity, read as 1)
}

/**
 * z = (x - mean) / std for a finite x whose difference from the mean overflows (x and the mean at
 * opposite ends of float64: -1.7e308 - 1.2e308 is -Infinity, and a standardized feature or target was
 * "X has a non-finite value" far from the cause), as (x/2 - mean/2) / (std/2): |z| is at most sqrt(m).
 * The plain z where it is finite, or where x is not.
 */
export function wideZScore(x: number, mean: number, std: number, plain: number): number {
  if (Number.isFinite(plain) || !Number.isFinite(x)) return plain;
  return (x / 2 - mean / 2) / (std / 2);
}

/** x = z std + mean back from a z-score, as 2 (z std/2 + mean/2) where z std overflows on the way (the plain x where finite, or where z is not). */
export function wideUnscore(z: number, mean: number, std: number, plain: number): number {
  if (Number.isFinite(plain) || !Number.isFinite(z)) return plain;
  return 2 * (z * (std / 2) + mean / 2);
}
