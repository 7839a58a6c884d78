import type { Command } from 'commander';
import * as corpus from './corpus.js';
import * as db from './db.js';
import * as evalCmd from './eval.js';
import * as loadtest from './loadtest.js';
import * as models from './models.js';
import * as predict from './predict.js';
import * as serve from './serve.js';
import * as start from './start.js';
import * as trainCmd from './train.js';
import * as worker from './worker.js';

/**
 * Every command module. Each registers itself on the program; keep this list alphabetical.
 * A module lives in its own file and owns its flags, validation and help text.
 */
export const commands: ReadonlyArray<(program: Command) => void> = [
  corpus.register,
  db.register,
  evalCmd.register,
  loadtest.register,
  models.register,
  predict.register,
  serve.register,
  start.register,
  trainCmd.register,
  worker.register,
];
