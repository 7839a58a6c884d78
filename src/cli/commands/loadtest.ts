/**
 * `glossa loadtest --url http://127.0.0.1:8080 --rate 500 --duration 10 [--mode wait|batch]
 * [--batch-size 100] [--json]` — offers load to a running Glossa and reports throughput
 * (submit → result), latency percentiles, refusals and lost requests.
 */
import type { Command } from 'commander';
import { GlossaError } from '../../errors.js';
import { checkLoadOptions, formatReport, runLoadTest } from '../../loadtest/index.js';

interface Flags { url: string; rate: string; duration: string; mode: string; batchSize: string; waitMs: string; json?: boolean }

export function register(program: Command): void {
  program.command('loadtest')
    .description('offer load to a running Glossa API and report end-to-end throughput and latency')
    .option('--url <url>', 'base URL of the API', 'http://127.0.0.1:8080')
    .option('--rate <n>', 'predictions offered per second', '500')
    .option('--duration <s>', 'seconds of load', '10')
    .option('--mode <mode>', "'wait' (one text per request, ?wait, latency) or 'batch' (batch submits, throughput)", 'wait')
    .option('--batch-size <n>', 'texts per request in batch mode', '100')
    .option('--wait-ms <ms>', '?wait= of wait mode', '5000')
    .option('--json', 'print the report as JSON')
    .action(async (flags: Flags) => {
      const num = (s: string): number => (/^\d+(\.\d+)?$/.test(s.trim()) ? Number(s) : Number.NaN);
      const mode = flags.mode;
      const errors: string[] = [];
      if (mode !== 'wait' && mode !== 'batch') errors.push(`--mode must be 'wait' or 'batch' (got '${mode}')`);
      const options = {
        url: flags.url, rate: num(flags.rate), durationSec: num(flags.duration), mode: mode as 'wait' | 'batch',
        batchSize: num(flags.batchSize), waitMs: num(flags.waitMs),
        log: (line: string) => process.stderr.write(`${line}\n`),
      };
      errors.push(...checkLoadOptions(options));
      if (!(options.waitMs >= 0 && options.waitMs <= 10_000)) errors.push(`--wait-ms must be 0…10000 (got '${flags.waitMs}')`);
      if (errors.length > 0) throw new GlossaError('USAGE', errors.join('; '));
      const report = await runLoadTest(options);
      process.stdout.write(flags.json === true ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
      if (report.lost > 0) process.exitCode = 1;
    });
}
