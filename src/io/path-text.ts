// How a path a user typed (or a file named) is shown in a message: on one line, unambiguous.
// Control characters (a newline in a file name) are escaped as JSON escapes them, and the name is
// then quoted; a name that starts with '-' is shown as ./-name, so that it cannot read as an option.

/** The path as it should appear in a one-line message. */
export function showPath(p: string): string {
  const shown = p.startsWith('-') ? `./${p}` : p;
  // eslint-disable-next-line no-control-regex
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in a path are what this looks for
  return /[\u0000-\u001f\u007f\u2028\u2029]|^\s|\s$/.test(shown) ? JSON.stringify(shown) : shown;
}
