// A turn of the event loop for long work in an async function (training between epochs, a large file's
// read between its pieces): messages, timers, I/O and signals (Ctrl-C's abort) are answered there.

/**
 * Let the event loop run (a macrotask: setImmediate in Node, a MessageChannel round in browsers). In
 * Node, two immediates: work run from an I/O callback (the first epoch, after the data was read) met
 * its immediate in the same turn's check phase, before the loop polled for I/O again, so a signal
 * that came during epoch 1 (Ctrl-C: the signal's abort) was seen only after epoch 2; the second
 * immediate runs in the next turn, after that poll.
 */
export function nextTurn(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
    channel.port2.postMessage(null);
  });
}
