/**
 * `glossa worker --broker amqp://… --db postgres://… [--concurrency N] [--batch-size B]
 * [--batch-wait-ms T] [--prefetch P]` — consumes requests, predicts in micro-batches, writes the
 * results. With N > 1 this process supervises N child processes (each its own connections and
 * model); with N = 1 it consumes itself. SIGTERM/SIGINT: stop consuming, finish and ack in-flight
 * batches, close, exit 0.
 */
import type { Command } from 'commander';
import { loadServiceConfig, redactConfig } from '../config.js';
import type { ServiceConfig, ServiceFlags } from '../config.js';
import { startConsumers } from '../runtime/consumers.js';
import { addCommonFlags, addConnectionFlags, addConsumerFlags } from '../runtime/flags.js';
import { createLogger } from '../runtime/logger.js';
import type { Logger } from '../runtime/logger.js';
import { loadInProcessPredictor } from '../runtime/predictor.js';
import { openServices } from '../runtime/services.js';
import { failFast, onShutdownSignal } from '../runtime/signals.js';
import { CHILD_ENV, superviseWorkers } from '../runtime/supervisor.js';

export function register(program: Command): void {
  const cmd = program.command('worker').description('consume prediction requests from RabbitMQ and write results to the database');
  addCommonFlags(addConsumerFlags(addConnectionFlags(cmd)))
    .option('--concurrency <n>', 'consumer processes (env GLOSSA_CONCURRENCY; default: the number of cores)')
    .action((flags: ServiceFlags) => failFast(async () => {
      const config = loadServiceConfig('worker', flags, process.env);
      const childSlot = process.env[CHILD_ENV];
      const logger = createLogger(config.logLevel, { service: 'glossa-worker', ...(childSlot === undefined ? {} : { slot: Number(childSlot) }) });
      if (childSlot === undefined && config.concurrency > 1) {
        supervise(config, logger);
        return;
      }
      await runOne(config, logger, childSlot !== undefined);
    }));
}

function supervise(config: ServiceConfig, logger: Logger): void {
  logger.info({ config: redactConfig(config) }, 'starting worker processes');
  const script = process.argv[1];
  if (script === undefined) throw new Error('cannot tell which script to fork');
  const supervisor = superviseWorkers({
    count: config.concurrency,
    script,
    args: process.argv.slice(2),
    logger,
    onAllReady: () => process.stdout.write(`Glossa workers ready: ${config.concurrency} processes (pids ${supervisor.pids().join(' ')})\n`),
    onHopeless: () => {
      process.stderr.write('glossa: worker processes keep failing at start-up (see their errors above); giving up\n');
      void supervisor.stop().finally(() => process.exit(1));
    },
  });
  onShutdownSignal(() => supervisor.stop(), logger, { timeoutMs: 40_000 });
}

async function runOne(config: ServiceConfig, logger: Logger, isChild: boolean): Promise<void> {
  if (!isChild) logger.info({ config: redactConfig(config) }, 'starting worker');
  // The model first: it is the slow part, and a bad --model should fail before any connection.
  const predictor = await loadInProcessPredictor(config.modelDir);
  const services = await openServices(config, logger);
  const consumers = await startConsumers({ broker: services.broker, store: services.store, predictor, logger }, config)
    .catch(async (e: unknown) => { await services.close(); throw e; });
  const shutdown = async (): Promise<void> => {
    await consumers.stop();
    await services.close();
  };
  if (isChild) {
    // The supervisor sends SIGTERM; a terminal's Ctrl-C also reaches us, and must not count twice.
    process.on('SIGINT', () => undefined);
    onShutdownSignalTermOnly(shutdown, logger);
    // The supervisor died without telling us (SIGKILL, OOM): drain and exit rather than run on as an
    // orphan nobody can stop. Unacked messages go back to the queue for the other workers.
    process.once('disconnect', () => {
      logger.warn('supervisor process gone; shutting down');
      process.kill(process.pid, 'SIGTERM');
    });
    process.send?.({ type: 'ready' });
  } else {
    onShutdownSignal(shutdown, logger);
    process.stdout.write(`Glossa worker ready (pid ${process.pid}, model ${predictor.version})\n`);
  }
}

function onShutdownSignalTermOnly(shutdown: () => Promise<void>, logger: Logger): void {
  onShutdownSignal(shutdown, logger, { signals: ['SIGTERM'] });
}
