#!/usr/bin/env node
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // main() already turns every error into one line; this is the last guard.
    process.stderr.write(`legato: internal error: ${String(error).split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
