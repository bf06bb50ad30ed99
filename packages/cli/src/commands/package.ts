import { LegatoError } from '@legato/errors';
import type { Command } from '../command.js';

/** `legato package` — placeholder until its issue lands; fails loudly. */
export const packageCommand: Command = async () => {
  throw new LegatoError('ENGINE_STATE', 'legato package is not implemented yet');
};
