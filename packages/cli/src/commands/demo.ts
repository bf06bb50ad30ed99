import { LegatoError } from '@legato/errors';
import type { Command } from '../command.js';

/** `legato demo` — placeholder until its issue lands; fails loudly. */
export const demoCommand: Command = async () => {
  throw new LegatoError('ENGINE_STATE', 'legato demo is not implemented yet');
};
