/**
 * RabbitMQ as a conformance subject. A second plain amqplib connection plays the foreign
 * producer (publishRaw) and removes the test's queues and exchanges afterwards.
 */
import amqp from 'amqplib';
import { normalizeBrokerOptions, type BrokerConfig, type BrokerOptions } from '../../src/queue/config.js';
import { AmqpBroker } from '../../src/queue/amqp.js';
import { amqpUrl, serviceAvailable } from '../helpers/services.js';
import type { BrokerSubject, BrokerUnderTest } from './broker-subjects.js';

/** Deletes everything the broker for `config` declares. */
export async function deleteTopology(config: BrokerConfig): Promise<void> {
  const conn = await amqp.connect(amqpUrl);
  try {
    const ch = await conn.createChannel();
    await ch.deleteQueue(config.queue);
    await ch.deleteQueue(config.deadLetterQueue);
    await ch.deleteExchange(config.deadLetterExchange);
    await ch.deleteExchange(config.completedExchange);
    await ch.close();
  } finally {
    await conn.close();
  }
}

export async function openAmqp(options: BrokerOptions): Promise<BrokerUnderTest & { readonly amqpBroker: AmqpBroker; readonly config: BrokerConfig }> {
  const config = normalizeBrokerOptions({ reconnectInitialDelayMs: 50, reconnectMaxDelayMs: 500, ...options });
  const broker = new AmqpBroker(amqpUrl, config);
  await broker.connect();
  return {
    broker,
    amqpBroker: broker,
    config,
    async publishRaw(body, messageId) {
      const conn = await amqp.connect(amqpUrl);
      try {
        const ch = await conn.createConfirmChannel();
        ch.sendToQueue(config.queue, Buffer.from(body), { persistent: true, ...(messageId === undefined ? {} : { messageId }) });
        await ch.waitForConfirms();
      } finally {
        await conn.close();
      }
    },
    async cleanup() {
      await broker.close();
      await deleteTopology(config);
    },
  };
}

export const amqpSubject: BrokerSubject = {
  name: 'rabbitmq',
  available: () => serviceAvailable('rabbitmq'),
  open: openAmqp,
};
