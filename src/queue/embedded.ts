/**
 * The in-process broker of the zero-config mode (`glossa start`): the same contract and
 * semantics as the RabbitMQ broker, in memory.
 *
 * Durability: none by itself. Messages live in this process only; if it dies they are gone.
 * Nothing is lost for the service because the database row is the source of truth: rows still
 * `queued` are re-published by the store's recovery sweep at start-up and periodically.
 *
 * Semantics mirrored from the RabbitMQ quorum queue (see amqp.ts):
 * - maxLength bounds the *ready* messages; a publish beyond it is refused `queue_full`. (Here the
 *   limit is exact; RabbitMQ's quorum queue applies it a little late, see amqp.ts.)
 * - `retry` puts the message back at the head with deliveryCount + 1; once deliveryCount would
 *   exceed deliveryLimit it is dead-lettered with reason `delivery_limit` (so a message is
 *   delivered at most deliveryLimit + 1 times).
 * - `deadLetter` dead-letters with reason `rejected`; an expired message (messageTtlMs) with
 *   reason `expired` when it reaches the head.
 * - Several consumers share the queue round-robin, each with its own prefetch.
 * Deliveries are made in batches from one `setImmediate` pass, never one timer per message.
 */
import { EventEmitter } from 'node:events';
import type { BrokerConfig } from './config.js';
import { validateMessage, parseMessage } from './message.js';
import type {
  Broker, ConsumeOptions, DeadLetter, Delivery, DeliveryHandler, Outcome, PublishOutcome,
  QueueStats, RequestMessage, Subscription,
} from './types.js';
import { Fifo } from './fifo.js';

interface Entry {
  /** A published RequestMessage, or raw bytes from `publishRaw` (validated on delivery). */
  readonly body: RequestMessage | string;
  readonly messageId: string | undefined;
  readonly enqueuedAtMs: number;
  deliveryCount: number;
}

interface Consumer {
  readonly handler: DeliveryHandler;
  readonly prefetch: number;
  inFlight: number;
  cancelled: boolean;
}

interface DeadConsumer {
  readonly handler: (letter: DeadLetter) => Promise<void>;
  inFlight: number;
  cancelled: boolean;
}

// Deliveries per setImmediate pass before yielding to I/O.
const DELIVERIES_PER_PASS = 1_000;
// How long a dead letter whose handler failed waits before it is offered again.
const DEAD_LETTER_RETRY_MS = 1_000;

export class EmbeddedBroker implements Broker {
  private readonly config: BrokerConfig;
  private readonly ready = new Fifo<Entry>();
  /** Retried messages: delivered before `ready`, like RabbitMQ's returns. */
  private readonly returned = new Fifo<Entry>();
  private readonly dead = new Fifo<DeadLetter>();
  private readonly consumers: Consumer[] = [];
  private readonly deadConsumers: DeadConsumer[] = [];
  private readonly completed = new EventEmitter();
  private nextConsumer = 0;
  private connected = false;
  private closed = false;
  private drainScheduled = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(config: BrokerConfig) {
    this.config = config;
    this.completed.setMaxListeners(0);
  }

  connect(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('broker is closed'));
    const ttl = this.config.messageTtlMs;
    if (!this.connected && ttl !== undefined) {
      // Expire messages nobody consumes too, as RabbitMQ does; one timer for the whole queue.
      const sweep = setInterval(() => this.expireHead(), Math.min(Math.max(ttl, 10), 1_000));
      sweep.unref();
      this.timers.add(sweep);
    }
    this.connected = true;
    return Promise.resolve();
  }

  /** Dead-letters expired messages at the head (both queues are in enqueue order). */
  private expireHead(): void {
    const ttl = this.config.messageTtlMs;
    if (ttl === undefined) return;
    const now = Date.now();
    for (const q of [this.returned, this.ready]) {
      for (let e = q.peek(); e !== undefined && now - e.enqueuedAtMs >= ttl; e = q.peek()) {
        q.shift();
        this.deadLetter(e, 'expired');
      }
    }
  }

  isReady(): boolean {
    return this.connected && !this.closed;
  }

  publish(messages: readonly RequestMessage[]): Promise<PublishOutcome[]> {
    const now = Date.now();
    const outcomes = messages.map((m) => this.enqueue({ body: m, messageId: m.id, enqueuedAtMs: now, deliveryCount: 0 }));
    return Promise.resolve(outcomes);
  }

  /** Publishes a raw body as another producer could; for tests and tools. */
  publishRaw(body: string, messageId?: string): Promise<PublishOutcome> {
    return Promise.resolve(this.enqueue({ body, messageId, enqueuedAtMs: Date.now(), deliveryCount: 0 }));
  }

  private enqueue(entry: Entry): PublishOutcome {
    if (!this.isReady()) return { ok: false, reason: 'unavailable', message: 'embedded broker is not connected' };
    if (this.ready.length + this.returned.length >= this.config.maxLength) {
      return { ok: false, reason: 'queue_full', message: `queue ${this.config.queue} is full (${this.config.maxLength} messages)` };
    }
    this.ready.push(entry);
    this.scheduleDrain();
    return { ok: true };
  }

  consume(handler: DeliveryHandler, options: ConsumeOptions): Promise<Subscription> {
    if (!this.isReady()) return Promise.reject(new Error('embedded broker is not connected'));
    if (!Number.isInteger(options.prefetch) || options.prefetch < 1) {
      return Promise.reject(new RangeError(`prefetch must be an integer ≥ 1 (got ${String(options.prefetch)})`));
    }
    const consumer: Consumer = { handler, prefetch: options.prefetch, inFlight: 0, cancelled: false };
    this.consumers.push(consumer);
    this.scheduleDrain();
    return Promise.resolve({
      cancel: () => {
        consumer.cancelled = true;
        const i = this.consumers.indexOf(consumer);
        if (i >= 0) this.consumers.splice(i, 1);
        return Promise.resolve();
      },
    });
  }

  consumeDeadLetters(handler: (letter: DeadLetter) => Promise<void>): Promise<Subscription> {
    if (!this.isReady()) return Promise.reject(new Error('embedded broker is not connected'));
    const consumer: DeadConsumer = { handler, inFlight: 0, cancelled: false };
    this.deadConsumers.push(consumer);
    this.scheduleDrain();
    return Promise.resolve({
      cancel: () => {
        consumer.cancelled = true;
        const i = this.deadConsumers.indexOf(consumer);
        if (i >= 0) this.deadConsumers.splice(i, 1);
        return Promise.resolve();
      },
    });
  }

  notifyCompleted(ids: readonly string[]): Promise<void> {
    if (ids.length === 0 || !this.isReady()) return Promise.resolve();
    const copy = [...ids];
    // Asynchronous like the fan-out exchange, so a listener never runs inside the caller's stack.
    setImmediate(() => this.completed.emit('completed', copy));
    return Promise.resolve();
  }

  onCompleted(listener: (ids: readonly string[]) => void): Promise<Subscription> {
    const safe = (ids: readonly string[]): void => {
      try {
        listener(ids);
      } catch (e) {
        this.config.logger.error({ err: e }, 'completion listener threw');
      }
    };
    this.completed.on('completed', safe);
    return Promise.resolve({
      cancel: () => {
        this.completed.off('completed', safe);
        return Promise.resolve();
      },
    });
  }

  stats(): Promise<QueueStats> {
    return Promise.resolve({
      depth: this.ready.length + this.returned.length,
      consumers: this.consumers.length,
      deadLettered: this.dead.length,
    });
  }

  close(): Promise<void> {
    this.closed = true;
    this.connected = false;
    this.consumers.length = 0;
    this.deadConsumers.length = 0;
    this.completed.removeAllListeners();
    for (const t of this.timers) clearTimeout(t); // also clears the sweep interval
    this.timers.clear();
    return Promise.resolve();
  }

  private scheduleDrain(): void {
    if (this.drainScheduled || this.closed) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    if (this.closed) return;
    this.drainRequests();
    this.drainDeadLetters();
  }

  /** Hands ready messages to consumers with free prefetch, round-robin. */
  private drainRequests(): void {
    let idle = 0;
    let budget = DELIVERIES_PER_PASS;
    while (this.consumers.length > 0 && idle < this.consumers.length) {
      if (budget-- === 0) {
        // Consumers that settle synchronously could otherwise hold the event loop for the whole queue.
        this.scheduleDrain();
        return;
      }
      const consumer = this.consumers[this.nextConsumer % this.consumers.length];
      this.nextConsumer = (this.nextConsumer + 1) % this.consumers.length;
      if (consumer === undefined || consumer.inFlight >= consumer.prefetch) {
        idle++;
        continue;
      }
      const entry = this.takeLive();
      if (entry === undefined) return;
      idle = 0;
      this.deliver(consumer, entry);
    }
  }

  /** The next message to deliver, dead-lettering the expired ones on the way. */
  private takeLive(): Entry | undefined {
    const ttl = this.config.messageTtlMs;
    for (;;) {
      const entry = this.returned.shift() ?? this.ready.shift();
      if (entry === undefined) return undefined;
      if (ttl !== undefined && Date.now() - entry.enqueuedAtMs >= ttl) {
        this.deadLetter(entry, 'expired');
        continue;
      }
      return entry;
    }
  }

  private deliver(consumer: Consumer, entry: Entry): void {
    consumer.inFlight++;
    let settled = false;
    const settle = (outcome: Outcome): void => {
      if (settled) return; // settle is once per delivery; a second call is a caller bug we tolerate
      settled = true;
      consumer.inFlight--;
      this.settle(entry, outcome);
    };
    try {
      consumer.handler(toDelivery(entry), settle);
    } catch (e) {
      // A throwing handler is a bug in the consumer; treat like a lost consumer: requeue.
      this.config.logger.error({ err: e, id: entry.messageId }, 'delivery handler threw; message requeued');
      settle('retry');
    }
  }

  private settle(entry: Entry, outcome: Outcome): void {
    if (this.closed) return;
    if (outcome === 'retry') {
      entry.deliveryCount++;
      if (entry.deliveryCount > this.config.deliveryLimit) this.deadLetter(entry, 'delivery_limit');
      else this.returned.push(entry);
    } else if (outcome === 'deadLetter') {
      this.deadLetter(entry, 'rejected');
    }
    this.scheduleDrain();
  }

  private deadLetter(entry: Entry, reason: string): void {
    // The dead queue is bounded too (drop oldest), so an unattended embedded process cannot grow without limit.
    if (this.dead.length >= this.config.maxLength) this.dead.shift();
    this.dead.push({ id: letterId(entry), reason });
    this.scheduleDrain();
  }

  private drainDeadLetters(): void {
    for (const consumer of this.deadConsumers) {
      while (!consumer.cancelled && consumer.inFlight < this.config.deadLetterPrefetch) {
        const letter = this.dead.shift();
        if (letter === undefined) return;
        consumer.inFlight++;
        void this.handleDeadLetter(consumer, letter);
      }
    }
  }

  private async handleDeadLetter(consumer: DeadConsumer, letter: DeadLetter): Promise<void> {
    try {
      await consumer.handler(letter);
    } catch (e) {
      this.config.logger.error({ err: e, id: letter.id }, 'dead-letter handler failed; offering it again later');
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.closed) return;
        this.dead.push(letter);
        this.scheduleDrain();
      }, DEAD_LETTER_RETRY_MS);
      this.timers.add(timer);
    } finally {
      consumer.inFlight--;
      this.scheduleDrain();
    }
  }
}

function toDelivery(entry: Entry): Delivery {
  const parsed = typeof entry.body === 'string' ? parseMessage(entry.body) : validateMessage(entry.body);
  if (parsed.ok) return { message: parsed.message, id: parsed.message.id, deliveryCount: entry.deliveryCount };
  return { message: null, invalidReason: parsed.reason, id: parsed.id ?? entry.messageId, deliveryCount: entry.deliveryCount };
}

function letterId(entry: Entry): string | undefined {
  if (typeof entry.body !== 'string') return entry.messageId ?? entry.body.id;
  if (entry.messageId !== undefined) return entry.messageId;
  const parsed = parseMessage(entry.body);
  return parsed.ok ? parsed.message.id : parsed.id;
}
