/**
 * The composition root: parses the command line and hands each command a typed config.
 * One module per command under ./commands; each exports `register(program)`.
 * Exit codes: 0 success, 1 failure, 2 bad usage. Errors go to stderr in one clear line.
 */
import { Command, CommanderError } from 'commander';
import { isGlossaError } from '../errors.js';
import { commands } from './commands/index.js';
import { codeVersion } from './version.js';

export function buildProgram(): Command {
  const program = new Command('glossa')
    .description('Realtime language identification: model, API, workers, UI')
    .version(codeVersion())
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showSuggestionAfterError(true);
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help / --version end here too, with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isGlossaError(e)) {
      process.stderr.write(`glossa: ${e.message} [${e.code}]\n`);
      return e.exitCode;
    }
    process.stderr.write(`glossa: unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// Long-running commands (start, serve, worker) never return here until they are told to stop.
process.exitCode = code;
