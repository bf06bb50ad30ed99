import { LegatoError } from '@legato/errors';
import type { Command } from '../command.js';

/** `legato inspect` — placeholder until its issue lands; fails loudly. */
export const inspectCommand: Command = async () => {
  throw new LegatoError('ENGINE_STATE', 'legato inspect is not implemented yet');
};
