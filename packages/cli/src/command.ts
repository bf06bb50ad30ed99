import type { Command } from 'commander';

/**
 * A `legato` subcommand: builds its commander definition (arguments, options, help); its action
 * reports the process exit code through `done` (0 success, 1 the job failed, 2 bad input).
 */
export type CommandFactory = (done: (exitCode: number) => void) => Command;
