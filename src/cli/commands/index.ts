import type { Command } from 'commander';
import * as db from './db.js';

/**
 * Every command module. Each registers itself on the program; keep this list alphabetical.
 * A module lives in its own file and owns its flags, validation and help text.
 */
export const commands: ReadonlyArray<(program: Command) => void> = [
  db.register,
];
