// Assertions on the errors the library throws: the error class by name, the message, one line.
import assert from 'node:assert/strict';

/** `p` rejects with an error named `name` whose one-line message matches `pattern`. */
export async function refused(p: Promise<unknown>, name: string, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name, e.message);
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes('\n'), e.message);
    return true;
  });
}
