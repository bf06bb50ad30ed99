import { isLegatoError } from '@legato/errors';
import type { Command } from './command.js';

/** Each command lives in its own module under `commands/` and is loaded on demand. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  inspect: {
    summary: 'inspect <file-or-url> [--json] [--segments]   print a manifest model',
    load: async () => (await import('./commands/inspect.js')).inspectCommand,
  },
  simulate: {
    summary:
      'simulate --mpd <file>|--ladder <json> --trace <file|synthetic:CLASS:SEED> --abr <name> [--json]',
    load: async () => (await import('./commands/simulate.js')).simulateCommand,
  },
  package: {
    summary:
      'package --input <file>|--synth <s> --kid <hex> --key <hex> --out <dir>   CENC-package a track',
    load: async () => (await import('./commands/package.js')).packageCommand,
  },
  demo: {
    summary:
      'demo [--trace …] [--speed N] [--report out.html] [--json]   play a protected track end to end',
    load: async () => (await import('./commands/demo.js')).demoCommand,
  },
};

function usage(): string {
  const lines = Object.values(commands).map((c) => `  legato ${c.summary}`);
  return `usage:\n${lines.join('\n')}\n`;
}

/** Runs the `legato` command line; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`legato: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command(rest);
  } catch (error) {
    if (isLegatoError(error)) {
      process.stderr.write(`legato ${name}: ${error.code}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
