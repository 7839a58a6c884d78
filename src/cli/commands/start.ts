/**
 * `glossa start [--port 8080] [--data ./data]` — everything in one process tree, no services
 * needed: the API and UI, the embedded broker, a SQLite file under --data, and the consumer,
 * whose inference runs in a pool of worker threads (one model copy each) so the API's event loop
 * stays responsive under load. The embedded queue lives in memory: rows left `queued` by a
 * previous run are published again at start-up by the recovery sweep.
 */
import type { Command } from 'commander';
import { loadServiceConfig, redactConfig } from '../config.js';
import type { ServiceFlags } from '../config.js';
import { listenApi } from '../runtime/api.js';
import { startConsumers } from '../runtime/consumers.js';
import { addCommonFlags, addConsumerFlags, addHttpFlags } from '../runtime/flags.js';
import { createLogger } from '../runtime/logger.js';
import { createPredictorPool } from '../runtime/predictor-pool.js';
import { openServices } from '../runtime/services.js';
import { failFast, onShutdownSignal } from '../runtime/signals.js';
import { pausableConsumers } from '../runtime/worker-control.js';
import { createSweeper, DEFAULT_SWEEP } from '../../worker/index.js';

export function register(program: Command): void {
  const cmd = program.command('start').description('run API, UI, workers, embedded queue and SQLite in one process tree');
  addCommonFlags(addConsumerFlags(addHttpFlags(cmd, '127.0.0.1')))
    .option('--data <dir>', 'folder for the SQLite database (env GLOSSA_DATA_DIR; default ./data)')
    .option('--db <url>', 'database URL instead of <data>/glossa.db (env GLOSSA_DATABASE_URL)')
    .option('--threads <n>', 'inference threads (env GLOSSA_THREADS; default: the number of cores)')
    .action((flags: ServiceFlags) => failFast(async () => {
      const config = loadServiceConfig('start', flags, process.env);
      const logger = createLogger(config.logLevel, { service: 'glossa-start' });
      logger.info({ config: redactConfig(config) }, 'starting');
      const startedAt = new Date();
      const services = await openServices(config, logger);
      const predictor = await createPredictorPool({ size: config.threads, ...(config.modelDir === undefined ? {} : { modelDir: config.modelDir }), logger })
        .catch(async (e: unknown) => { await services.close(); throw e; });
      const consumerDeps = { broker: services.broker, store: services.store, predictor, logger };
      // Pausable so an admin (or the browser tests) can hold requests in the queue and release them.
      const first = await startConsumers(consumerDeps, config)
        .catch(async (e: unknown) => { await predictor.close?.(); await services.close(); throw e; });
      const consumers = pausableConsumers(first, () => startConsumers(consumerDeps, config), logger);
      const sweeper = createSweeper({ store: services.store, broker: services.broker, logger: logger.child({ component: 'sweep' }) },
        { ...DEFAULT_SWEEP, graceMs: config.sweepGraceMs, intervalMs: config.sweepIntervalMs, startupCutoff: startedAt });
      const stopAll = async (): Promise<void> => {
        await sweeper.stop();
        await consumers.stop();
        await predictor.close?.();
        await services.close();
      };
      // Threads and connections would keep a failed start alive: close them before reporting.
      const api = await listenApi({ config, broker: services.broker, store: services.store, predictor, logger, workers: consumers })
        .catch(async (e: unknown) => { await stopAll(); throw e; });
      onShutdownSignal(async () => {
        // Stop taking requests first, then finish what is in flight, then close.
        await api.close();
        await stopAll();
      }, logger);
      process.stdout.write(`Glossa is running at ${api.url}/ (API ${api.url}/api/v1, docs ${api.url}/docs). Ctrl-C stops it.\n`);
    }));
}
