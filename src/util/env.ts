// Reading an environment variable from a library: Deno (and other permission-checking runtimes)
// throws on process.env[name] unless the program was given --allow-env, and a program that only
// loads a model or reads a data file should not need that permission.

/** The environment variable `name`, or undefined when it is unset or the environment cannot be read (Deno without --allow-env). */
export function envVar(name: string): string | undefined {
  try {
    return process.env[name];
  } catch {
    return undefined;
  }
}
