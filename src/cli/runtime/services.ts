/**
 * Opens what every service command needs, from the one validated config: the broker (connected,
 * topology declared) and the store (migrated). On a failure, what was opened is closed again and
 * the error says which service failed, with passwords redacted.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlossaError } from '../../errors.js';
import { openBroker } from '../../queue/index.js';
import type { Broker } from '../../queue/index.js';
import { openStore } from '../../store/index.js';
import type { SqlStore } from '../../store/index.js';
import { redactUrl } from '../config.js';
import type { ServiceConfig } from '../config.js';
import type { Logger } from './logger.js';

export interface Services {
  readonly broker: Broker;
  readonly store: SqlStore;
  /** Closes the broker, then the store; never throws (logs instead). */
  close(): Promise<void>;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function openServices(config: ServiceConfig, logger: Logger): Promise<Services> {
  let store: SqlStore;
  try {
    store = openStore(config.databaseUrl, config.dbSchema === undefined ? {} : { schema: config.dbSchema });
    await store.migrate();
  } catch (e) {
    if (e instanceof GlossaError) throw e;
    throw new GlossaError('STORE_UNAVAILABLE', `cannot open the database ${redactUrl(config.databaseUrl)}: ${redactUrl(message(e))}`);
  }
  let broker: Broker;
  try {
    broker = await openBroker(config.brokerUrl, {
      ...(config.queueName === undefined ? {} : { queue: config.queueName }),
      ...(config.maxQueueLength === undefined ? {} : { maxLength: config.maxQueueLength }),
      ...(config.deliveryLimit === undefined ? {} : { deliveryLimit: config.deliveryLimit }),
      logger: logger.child({ component: 'broker' }),
    });
  } catch (e) {
    await store.close().catch(() => undefined);
    if (e instanceof GlossaError) throw e;
    throw new GlossaError('BROKER_UNAVAILABLE', `cannot connect to the broker ${redactUrl(config.brokerUrl)}: ${redactUrl(message(e))}`);
  }
  logger.info({ database: redactUrl(config.databaseUrl), broker: redactUrl(config.brokerUrl) }, 'services ready');
  return {
    broker,
    store,
    close: async () => {
      await broker.close().catch((e: unknown) => logger.warn({ err: message(e) }, 'closing the broker failed'));
      await store.close().catch((e: unknown) => logger.warn({ err: message(e) }, 'closing the store failed'));
    },
  };
}

/** The package root (holds package.json), from src/… or dist/src/…. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new GlossaError('INTERNAL', 'cannot find the package root');
    dir = parent;
  }
  return dir;
}

/** web/dist when the UI has been built, else undefined (the API then serves no UI). */
export function uiDir(): string | undefined {
  const dir = join(packageRoot(), 'web', 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}
