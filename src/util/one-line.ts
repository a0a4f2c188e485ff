// A message on one line: the project's errors and warnings are one line each, and a value they quote
// (a column name, an option's value, a file name, a CSV cell) may hold a newline or a terminal escape.
// Pure: it runs in a browser.

/**
 * The message as one line: a line break (\n, \r\n, U+2028, U+2029) shown as \n, every other
 * control character (a lone \r, an escape sequence from a CSV cell) as \u000d, \u001b; a tab stays.
 * Applying it twice changes nothing.
 */
export function oneLine(message: string): string {
  return message
    .replace(/\r?\n|[\u2028\u2029]/g, '\\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
