// structuredClone and postMessage (to a Worker, a MessagePort, a BroadcastChannel) copy an object's own
// enumerable properties and refuse a function with the platform's DataCloneError, which quotes the
// function's source. For a Model or a Network that was the first activation's forward pass, kernel code
// that said nothing of what to do instead. So each holds one of these functions as its first property:
// the refusal quotes it, and its source is the advice (a string, which bundlers and minifiers keep, where
// a comment would be stripped). V8 (Node, Chrome, Deno) prints the source; other engines name no function.
// V8 shortens a longer source in the middle, so each says it in one short line (an arrow, which
// esbuild's CommonJS bundle prints on one line too, where it splits a function's body). A deep comparison
// (assert.deepStrictEqual, expect().toEqual) meets the same function on both sides, so it is unchanged.

/** What a Model's structured clone says. */
export const MODEL_CLONE_GUARD = (): string => 'a Model holds functions: post model.toJson(), then Model.fromJson(it)';

/** What a Network's structured clone says. */
export const NETWORK_CLONE_GUARD = (): string => 'a Network holds functions: post network.toJSON(), then new Network(it)';
