import { Command, CommanderError } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { formatCliError } from './_internal/format-cli-error.js';
import type { CommandFactory } from './command.js';
import { demoCommand } from './commands/demo.js';
import { inspectCommand } from './commands/inspect.js';
import { packageCommand } from './commands/package.js';
import { simulateCommand } from './commands/simulate.js';

const factories: readonly CommandFactory[] = [
  inspectCommand,
  simulateCommand,
  packageCommand,
  demoCommand,
];

/** The `legato` program: one commander definition per command, output through `process.std*`. */
function createProgram(done: (exitCode: number) => void): Command {
  const program = new Command('legato')
    .description('legato: inspect, simulate, package and play DASH audio with Widevine-style DRM')
    .version(packageJson.version, '-V, --version', 'print the legato version')
    .helpCommand('help [command]', 'print help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
      // main() formats every error as one line itself.
      outputError: () => {},
    });
  for (const factory of factories) {
    program.addCommand(factory(done).exitOverride().configureOutput(program.configureOutput()));
  }
  return program;
}

/**
 * Runs the `legato` command line; resolves to the process exit code: 0 success, 1 the job
 * failed (the demo did not play correctly, an internal error), 2 bad input. Every error is
 * one line on stderr, never a stack trace.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const first = argv[0];
  if (first === undefined) {
    process.stderr.write(
      'legato: expected a command (inspect, simulate, package, demo, help); `legato --help` lists them\n',
    );
    return 2;
  }
  let exitCode = 0;
  const program = createProgram((code) => {
    exitCode = code;
  });
  const known = program.commands.some((c) => c.name() === first);
  const prefix = known ? `legato ${first}` : 'legato';
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (
      error instanceof CommanderError &&
      (error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version')
    ) {
      return error.exitCode === 0 ? 0 : 2;
    }
    const failure = formatCliError(prefix, error);
    process.stderr.write(`${failure.line}\n`);
    if (process.env['LEGATO_DEBUG'] && error instanceof Error) {
      process.stderr.write(`${error.stack ?? ''}\n`);
    }
    return failure.exitCode;
  }
}
