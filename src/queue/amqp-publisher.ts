/**
 * Publisher confirms across reconnects. Every message stays pending until RabbitMQ acks it (ok),
 * nacks it (`queue_full`: the only nack a reject-publish queue gives), or `publishTimeoutMs`
 * passes (`unavailable`). A message sent on a channel that died before its confirm arrived is
 * sent again on the next channel: never reported ok without a confirm, possibly delivered twice
 * (at-least-once; consumers write idempotently).
 */
import type { ConfirmChannel, Message } from 'amqplib';
import type { BrokerConfig } from './config.js';
import { encodeMessage } from './message.js';
import { messageIdOf } from './amqp-topology.js';
import type { PublishOutcome, RequestMessage } from './types.js';

interface Pending {
  readonly id: string;
  readonly body: Buffer;
  readonly resolve: (outcome: PublishOutcome) => void;
  /** Sent on the current channel and waiting for its confirm. */
  sent: boolean;
  settled: boolean;
}

const OK: PublishOutcome = Object.freeze({ ok: true });

export class ConfirmPublisher {
  private readonly config: BrokerConfig;
  private channel: ConfirmChannel | undefined;
  /** Unsettled messages in publish order (a Set keeps insertion order). */
  private readonly pending = new Set<Pending>();
  /** message-ids RabbitMQ returned as unroutable (the queue was deleted under us). */
  private readonly returned = new Set<string>();

  constructor(config: BrokerConfig) {
    this.config = config;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Uses `channel` from now on and sends everything that waits. */
  attach(channel: ConfirmChannel): void {
    this.channel = channel;
    channel.on('return', (msg: Message) => {
      const id = messageIdOf(msg);
      if (id !== undefined) this.returned.add(id);
    });
    for (const p of this.pending) if (!p.sent) this.send(p);
  }

  /** The channel is gone; pending messages wait for the next one (or their timeout). */
  detach(): void {
    this.channel = undefined;
    for (const p of this.pending) p.sent = false;
  }

  publish(messages: readonly RequestMessage[]): Promise<PublishOutcome[]> {
    if (messages.length === 0) return Promise.resolve([]);
    const batch: Pending[] = [];
    const outcomes = messages.map((m) => new Promise<PublishOutcome>((resolve) => {
      const p: Pending = { id: m.id, body: encodeMessage(m), resolve, sent: false, settled: false };
      batch.push(p);
      this.pending.add(p);
      this.send(p);
    }));
    const timer = setTimeout(() => {
      for (const p of batch) {
        this.settle(p, {
          ok: false, reason: 'unavailable',
          message: `no confirm from RabbitMQ within ${this.config.publishTimeoutMs} ms (broker unreachable or blocked)`,
        });
      }
    }, this.config.publishTimeoutMs);
    return Promise.all(outcomes).finally(() => clearTimeout(timer));
  }

  /** Resolves once nothing is pending, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && this.channel !== undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Settles everything still pending as `unavailable` (the broker is closing). */
  failAll(message: string): void {
    for (const p of [...this.pending]) this.settle(p, { ok: false, reason: 'unavailable', message });
  }

  private send(p: Pending): void {
    const ch = this.channel;
    if (ch === undefined || p.settled) return;
    try {
      ch.sendToQueue(this.config.queue, p.body, {
        persistent: true,
        contentType: 'application/json',
        messageId: p.id,
        mandatory: true,
      }, (err: unknown) => this.onConfirm(p, ch, err));
      p.sent = true;
    } catch (e) {
      p.sent = false;
      if (e instanceof Error && e.name === 'IllegalOperationError') {
        // The channel closed between our check and the write: the message waits for the next one.
        this.config.logger.debug({ err: e.message, id: p.id }, 'publish deferred: channel closed');
        return;
      }
      // The message itself cannot be encoded (e.g. a message-id over 255 bytes); retrying cannot help.
      this.settle(p, { ok: false, reason: 'unavailable', message: `cannot publish message ${p.id.slice(0, 64)}: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  private onConfirm(p: Pending, ch: ConfirmChannel, err: unknown): void {
    if (p.settled) return;
    const wasReturned = this.returned.delete(p.id);
    if (err === null || err === undefined) {
      if (wasReturned) {
        this.settle(p, { ok: false, reason: 'unavailable', message: `queue ${this.config.queue} does not exist (message returned unroutable)` });
      } else {
        this.settle(p, OK);
      }
      return;
    }
    if (err instanceof Error && err.message === 'message nacked') {
      this.settle(p, {
        ok: false, reason: 'queue_full',
        message: `RabbitMQ refused the message: queue ${this.config.queue} is at its max-length (${this.config.maxLength})`,
      });
      return;
    }
    // The channel closed before the confirm: resend on the current channel if there is a new one.
    p.sent = false;
    if (this.channel !== undefined && this.channel !== ch) this.send(p);
  }

  private settle(p: Pending, outcome: PublishOutcome): void {
    if (p.settled) return;
    p.settled = true;
    this.pending.delete(p);
    p.resolve(outcome);
  }
}
