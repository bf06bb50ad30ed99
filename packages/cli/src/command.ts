/** A CLI command: takes its own arguments, writes to stdout/stderr, resolves to the exit code. */
export type Command = (argv: readonly string[]) => Promise<number>;
