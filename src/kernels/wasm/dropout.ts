// The dropout masks of the resident step (trainer.ts), drawn in JavaScript from the network's
// generator exactly as network.ts draws them in its forward pass, so that a seeded run on the
// resident step trains the same weights as the layer-by-layer path. Each block of columns gets its
// own part of every mask, next to its other arrays; assembly/dropout.ts applies it.

import type { Dropout } from '../step.js';

/**
 * The masks D[l] of a step on `count` = cuts[blocks] examples, cut into the blocks' columns (block
 * t has the batch's columns cuts[t]..cuts[t+1] and its n[l] x mt part of D[l] at the byte address
 * blocks[t].masks[l-1]). The draws come in network.ts's order: hidden layer after hidden layer
 * (those with keepProb < 1), each n[l] x count matrix row by row, each row column by column.
 */
export function drawMasks(f32: Float32Array, dropout: Dropout, sizes: readonly number[], blocks: readonly { readonly masks: readonly number[] }[], cuts: Int32Array): void {
  const { keepProb, rng } = dropout;
  for (let l = 1; l <= keepProb.length; l++) {
    const keep = keepProb[l - 1]!;
    if (keep >= 1) continue;
    const rows = sizes[l]!, inv = 1 / keep;
    for (let i = 0; i < rows; i++) {
      for (let t = 0; t < blocks.length; t++) {
        const mt = cuts[t + 1]! - cuts[t]!;
        let k = (blocks[t]!.masks[l - 1]! >> 2) + i * mt;
        // D[l] = (rand < keepProb) / keepProb (inverted dropout), row i of this block's columns
        for (let j = 0; j < mt; j++) f32[k++] = rng.random() < keep ? inv : 0;
      }
    }
  }
}
