// The public type of a chart: a Vega-Lite specification as plain JSON. The spec builders check
// their output against vega-lite's own TopLevelSpec inside; the public signatures use this
// type so that a consumer's type check needs neither vega-lite's types nor the DOM's.

/** A Vega-Lite specification (https://vega.github.io/vega-lite/docs/spec.html) as plain JSON. */
export interface ChartSpec {
  $schema?: string;
  [key: string]: unknown;
}
