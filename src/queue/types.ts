/**
 * The Broker contract. RabbitMQ (`amqp.ts`) and the in-process broker (`embedded.ts`) both
 * implement it and both pass `test/integration/broker-conformance.test.ts`.
 * The broker knows nothing of the model: it moves request messages and completion notices.
 */

/** Body of a request message (ARCHITECTURE.md "Queue message"). message-id = id. */
export interface RequestMessage {
  readonly v: 1;
  readonly id: string;
  readonly text: string;
  /** ISO-8601 time the API enqueued it. */
  readonly enqueuedAt: string;
}

/**
 * Why a publish was refused. `queue_full`: x-max-length reject-publish (→ HTTP 503 + Retry-After).
 * `unavailable`: no confirm (broker unreachable, or no confirm within the publish timeout). The
 * message is then *not known* to be queued — but it may still be delivered later, if it reached
 * the broker before the connection dropped; consumers must tolerate a message for a failed row.
 */
export type PublishRefusal = 'queue_full' | 'unavailable';

export type PublishOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: PublishRefusal; readonly message: string };

/** One delivered message. `message` is null when the body is not a valid RequestMessage. */
export interface Delivery {
  readonly message: RequestMessage | null;
  /** Why `message` is null (not JSON, missing field, wrong version…). */
  readonly invalidReason?: string;
  /** The prediction id from the body or the message-id property, when one can be found. */
  readonly id: string | undefined;
  /** 0 on first delivery; counts redeliveries (quorum queues: x-delivery-count). */
  readonly deliveryCount: number;
}

/**
 * What the consumer decided for a delivery: `ack` (done, remove), `retry` (requeue; counts toward
 * the delivery limit), `deadLetter` (poison: to the dead-letter queue, never retried).
 */
export type Outcome = 'ack' | 'retry' | 'deadLetter';

/** A message that reached the dead-letter queue, and why (delivery limit, rejected as poison…). */
export interface DeadLetter {
  readonly id: string | undefined;
  readonly reason: string;
}

export interface ConsumeOptions {
  /** Max unacknowledged deliveries in flight for this consumer. */
  readonly prefetch: number;
}

export interface Subscription {
  /** Stop receiving new deliveries; deliveries already handed out may still be settled. */
  cancel(): Promise<void>;
}

/** Called with each delivery; must eventually call `settle` exactly once for it. */
export type DeliveryHandler = (delivery: Delivery, settle: (outcome: Outcome) => void) => void;

export interface QueueStats {
  /** Messages ready in the request queue (not yet delivered). */
  readonly depth: number;
  /** Consumers attached to the request queue. */
  readonly consumers: number;
  /** Messages in the dead-letter queue. */
  readonly deadLettered: number;
}

export interface Broker {
  /** Connects and declares the topology (idempotent). Reconnects by itself after that. */
  connect(): Promise<void>;
  /**
   * Publishes persistent messages and resolves once the broker confirmed or refused each one
   * (publisher confirms), in the order given. Never throws for a refusal: it reports it.
   */
  publish(messages: readonly RequestMessage[]): Promise<PublishOutcome[]>;
  consume(handler: DeliveryHandler, options: ConsumeOptions): Promise<Subscription>;
  /** Receives what lands in the dead-letter queue, so its rows can be marked `failed`. */
  consumeDeadLetters(handler: (letter: DeadLetter) => Promise<void>): Promise<Subscription>;
  /** Tells every subscriber that these predictions were written (fan-out, best effort). */
  notifyCompleted(ids: readonly string[]): Promise<void>;
  onCompleted(listener: (ids: readonly string[]) => void): Promise<Subscription>;
  /** Rejects with GlossaError('BROKER_UNAVAILABLE') while disconnected. */
  stats(): Promise<QueueStats>;
  /** True while connected. */
  isReady(): boolean;
  close(): Promise<void>;
}
