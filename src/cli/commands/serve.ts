/**
 * `glossa serve --broker amqp://… --db postgres://… [--port 8080]` — the API alone (workers run
 * as `glossa worker`, anywhere). It also runs the recovery sweep (rows `queued` longer than the
 * grace period are published again) and keeps one inference thread for `/explain`.
 */
import type { Command } from 'commander';
import { loadServiceConfig, redactConfig } from '../config.js';
import type { ServiceFlags } from '../config.js';
import { listenApi } from '../runtime/api.js';
import { addCommonFlags, addConnectionFlags, addHttpFlags } from '../runtime/flags.js';
import { createLogger } from '../runtime/logger.js';
import { createPredictorPool } from '../runtime/predictor-pool.js';
import { openServices } from '../runtime/services.js';
import { failFast, onShutdownSignal } from '../runtime/signals.js';
import { createSweeper, DEFAULT_SWEEP } from '../../worker/index.js';

export function register(program: Command): void {
  const cmd = program.command('serve').description('run the HTTP API against RabbitMQ and a database (workers run separately)');
  addCommonFlags(addHttpFlags(addConnectionFlags(cmd), '0.0.0.0'))
    .action((flags: ServiceFlags) => failFast(async () => {
      const config = loadServiceConfig('serve', flags, process.env);
      const logger = createLogger(config.logLevel, { service: 'glossa-serve' });
      logger.info({ config: redactConfig(config) }, 'starting');
      const services = await openServices(config, logger);
      const predictor = await createPredictorPool({ size: 1, ...(config.modelDir === undefined ? {} : { modelDir: config.modelDir }), logger })
        .catch(async (e: unknown) => { await services.close(); throw e; });
      const sweeper = createSweeper({ store: services.store, broker: services.broker, logger: logger.child({ component: 'sweep' }) },
        { ...DEFAULT_SWEEP, graceMs: config.sweepGraceMs, intervalMs: config.sweepIntervalMs });
      const stopAll = async (): Promise<void> => {
        await sweeper.stop();
        await predictor.close?.();
        await services.close();
      };
      const api = await listenApi({ config, broker: services.broker, store: services.store, predictor, logger })
        .catch(async (e: unknown) => { await stopAll(); throw e; });
      onShutdownSignal(async () => {
        await api.close();
        await stopAll();
      }, logger);
      process.stdout.write(`Glossa API listening on ${api.url}\n`);
    }));
}
