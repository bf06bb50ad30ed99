import { LegatoError } from '@legato/errors';
import type { Command } from '../command.js';

/** `legato simulate` — placeholder until its issue lands; fails loudly. */
export const simulateCommand: Command = async () => {
  throw new LegatoError('ENGINE_STATE', 'legato simulate is not implemented yet');
};
