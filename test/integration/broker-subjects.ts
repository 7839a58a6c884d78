/**
 * The brokers the conformance suite runs against, each with the two things the contract does
 * not offer: publishing a raw body (as a foreign producer would) and deleting what a test made.
 */
import type { BrokerOptions } from '../../src/queue/config.js';
import { normalizeBrokerOptions } from '../../src/queue/config.js';
import { EmbeddedBroker } from '../../src/queue/embedded.js';
import type { Broker } from '../../src/queue/types.js';

export interface BrokerUnderTest {
  readonly broker: Broker;
  publishRaw(body: string, messageId?: string): Promise<void>;
  /** Closes the broker and removes every queue/exchange it declared. */
  cleanup(): Promise<void>;
}

export interface BrokerSubject {
  readonly name: string;
  /** false = skip (service down locally); throws when the service is required (CI). */
  available(): Promise<boolean>;
  open(options: BrokerOptions): Promise<BrokerUnderTest>;
}

let counter = 0;
/** A queue name no other test (or helper's test run) uses. */
export function uniqueQueue(tag: string): string {
  counter++;
  return `test.${tag}.${process.pid}.${Date.now().toString(36)}.${counter}`;
}

export const embeddedSubject: BrokerSubject = {
  name: 'embedded',
  available: () => Promise.resolve(true),
  async open(options) {
    const broker = new EmbeddedBroker(normalizeBrokerOptions(options));
    await broker.connect();
    return {
      broker,
      publishRaw: async (body, messageId) => {
        const outcome = await broker.publishRaw(body, messageId);
        if (!outcome.ok) throw new Error(`publishRaw refused: ${outcome.reason}`);
      },
      cleanup: () => broker.close(),
    };
  },
};
