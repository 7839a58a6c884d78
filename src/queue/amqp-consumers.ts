/**
 * What the RabbitMQ broker re-creates on every (re)connection: the request consumers, the
 * dead-letter consumers and the completion listeners. Each owns one channel (so each consumer
 * has its own prefetch) and re-attaches itself to a new connection with `attach`.
 *
 * A settle that arrives after its channel died is dropped: RabbitMQ requeues every unacked
 * message of a closed channel, so the message is delivered again (at-least-once).
 */
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { BrokerConfig } from './config.js';
import { parseMessage } from './message.js';
import { deadLetterOf, deliveryCountOf, messageIdOf } from './amqp-topology.js';
import type { DeadLetter, Delivery, DeliveryHandler, Outcome } from './types.js';

export interface Attachment {
  /** Opens its channel on `conn` and starts consuming. */
  attach(conn: ChannelModel): Promise<void>;
  /** The connection is gone: forget the channel. */
  detach(): void;
  /** Stops for good (cancel, or broker close). */
  close(): Promise<void>;
}

/** Called when a channel of ours died while its connection lived (e.g. a protocol error). */
export type ChannelFailure = (who: Attachment, err: unknown) => void;

// How long a dead letter whose handler failed stays unacked before it is offered again.
const DEAD_LETTER_RETRY_MS = 1_000;

abstract class ChannelOwner implements Attachment {
  protected channel: Channel | undefined;
  protected closed = false;
  private closingChannel: Channel | undefined;

  constructor(protected readonly config: BrokerConfig, private readonly onFailure: ChannelFailure) {}

  async attach(conn: ChannelModel): Promise<void> {
    if (this.closed) return;
    const ch = await conn.createChannel();
    ch.on('error', (err: unknown) => this.config.logger.warn({ err, queue: this.config.queue }, 'channel error'));
    ch.on('close', () => {
      if (this.channel !== ch) return;
      this.channel = undefined;
      if (!this.closed && this.closingChannel !== ch) this.onFailure(this, new Error('channel closed by the broker'));
    });
    // Set before setup: deliveries may arrive before consume() resolves, and settle checks it.
    this.channel = ch;
    try {
      await this.setup(ch);
    } catch (e) {
      if (this.channel === ch) this.channel = undefined;
      this.closingChannel = ch;
      await ch.close().catch(() => undefined);
      throw e;
    }
  }

  protected abstract setup(ch: Channel): Promise<void>;

  detach(): void {
    this.channel = undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.closeChannel();
  }

  protected async closeChannel(): Promise<void> {
    const ch = this.channel;
    if (ch === undefined) return;
    this.closingChannel = ch;
    this.channel = undefined;
    await ch.close().catch(() => undefined);
  }
}

export class RequestConsumer extends ChannelOwner {
  private tag: string | undefined;
  private inFlight = 0;
  private cancelled = false;

  constructor(config: BrokerConfig, onFailure: ChannelFailure,
    private readonly handler: DeliveryHandler, private readonly prefetch: number) {
    super(config, onFailure);
  }

  protected async setup(ch: Channel): Promise<void> {
    this.inFlight = 0;
    await ch.prefetch(this.prefetch);
    const { consumerTag } = await ch.consume(this.config.queue, (msg) => this.onMessage(ch, msg), { noAck: false });
    this.tag = consumerTag;
  }

  private onMessage(ch: Channel, msg: ConsumeMessage | null): void {
    if (msg === null) {
      // RabbitMQ cancelled us (queue deleted); a fresh channel re-declares nothing, so reconnect.
      this.config.logger.warn({ queue: this.config.queue }, 'consumer cancelled by RabbitMQ');
      if (!this.cancelled) void ch.close().catch(() => undefined);
      return;
    }
    this.inFlight++;
    let settled = false;
    const settle = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      this.inFlight--;
      if (this.channel !== ch) return; // channel gone: RabbitMQ redelivers it
      try {
        if (outcome === 'ack') ch.ack(msg);
        else ch.nack(msg, false, outcome === 'retry');
      } catch (e) {
        this.config.logger.debug({ err: e }, 'settle after channel close ignored');
      }
      if (this.cancelled && this.inFlight === 0) void this.closeChannel();
    };
    try {
      this.handler(toDelivery(msg), settle);
    } catch (e) {
      this.config.logger.error({ err: e, id: messageIdOf(msg) }, 'delivery handler threw; message requeued');
      settle('retry');
    }
  }

  /** Stops new deliveries; the channel stays open until the in-flight ones are settled. */
  async cancel(): Promise<void> {
    this.cancelled = true;
    this.closed = true;
    const ch = this.channel;
    if (ch !== undefined && this.tag !== undefined) await ch.cancel(this.tag).catch(() => undefined);
    if (this.inFlight === 0) await this.closeChannel();
  }
}

export function toDelivery(msg: ConsumeMessage): Delivery {
  const parsed = parseMessage(msg.content);
  const deliveryCount = deliveryCountOf(msg);
  if (parsed.ok) return { message: parsed.message, id: parsed.message.id, deliveryCount };
  return { message: null, invalidReason: parsed.reason, id: parsed.id ?? messageIdOf(msg), deliveryCount };
}

export class DeadLetterConsumer extends ChannelOwner {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(config: BrokerConfig, onFailure: ChannelFailure,
    private readonly handler: (letter: DeadLetter) => Promise<void>) {
    super(config, onFailure);
  }

  protected async setup(ch: Channel): Promise<void> {
    await ch.prefetch(this.config.deadLetterPrefetch);
    await ch.consume(this.config.deadLetterQueue, (msg) => {
      if (msg !== null) void this.handle(ch, msg);
    }, { noAck: false });
  }

  private async handle(ch: Channel, msg: ConsumeMessage): Promise<void> {
    const letter = deadLetterOf(msg);
    try {
      await this.handler(letter);
      if (this.channel === ch) ch.ack(msg);
    } catch (e) {
      this.config.logger.error({ err: e, id: letter.id }, 'dead-letter handler failed; offering it again later');
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.channel === ch) ch.nack(msg, false, true);
      }, DEAD_LETTER_RETRY_MS);
      this.timers.add(timer);
    }
  }

  override async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await super.close();
  }
}

export class CompletionListener extends ChannelOwner {
  constructor(config: BrokerConfig, onFailure: ChannelFailure,
    private readonly listener: (ids: readonly string[]) => void) {
    super(config, onFailure);
  }

  protected async setup(ch: Channel): Promise<void> {
    // Transient by design: a notice only matters to whoever is connected now.
    const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    await ch.bindQueue(queue, this.config.completedExchange, '');
    await ch.consume(queue, (msg) => {
      if (msg === null) return;
      const ids = parseIds(msg.content);
      if (ids === undefined) {
        this.config.logger.warn({ exchange: this.config.completedExchange }, 'ignored a malformed completion notice');
        return;
      }
      try {
        this.listener(ids);
      } catch (e) {
        this.config.logger.error({ err: e }, 'completion listener threw');
      }
    }, { noAck: true });
  }
}

function parseIds(body: Buffer): string[] | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}
