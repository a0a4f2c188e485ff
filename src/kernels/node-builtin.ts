// Importing a Node built-in module from code that also runs in browsers. The specifier is a
// variable, marked for Vite and webpack to leave alone, so a browser bundle of backprop neither
// bundles nor warns about node: modules; the call only happens when the code runs in Node.

/** import(name) of a Node built-in, e.g. `nodeBuiltin<typeof import('node:os')>('node:os')`. */
export function nodeBuiltin<T>(name: string): Promise<T> {
  return import(/* @vite-ignore */ /* webpackIgnore: true */ name) as Promise<T>;
}
