/**
 * The request message on the wire (ARCHITECTURE.md "Queue message"): UTF-8 JSON
 * `{"v": 1, "id", "text", "enqueuedAt"}`, message-id = id. Parsing returns a value with a reason
 * instead of throwing, because a malformed message is an expected input (other producers may
 * publish straight to the queue), not a bug.
 */
import type { RequestMessage } from './types.js';

export type ParsedMessage =
  | { readonly ok: true; readonly message: RequestMessage }
  | { readonly ok: false; readonly reason: string; readonly id: string | undefined };

/** Longest id accepted; ids are UUIDs or similar, and an id ends up as an AMQP short string. */
export const MAX_ID_LENGTH = 200;

export function encodeMessage(message: RequestMessage): Buffer {
  return Buffer.from(JSON.stringify({ v: message.v, id: message.id, text: message.text, enqueuedAt: message.enqueuedAt }));
}

/** Validates an already-decoded value (e.g. `JSON.parse` output). */
export function validateMessage(value: unknown): ParsedMessage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'body is not a JSON object', id: undefined };
  }
  const o = value as Record<string, unknown>;
  const id = typeof o.id === 'string' && o.id.length > 0 && o.id.length <= MAX_ID_LENGTH ? o.id : undefined;
  const problems: string[] = [];
  if (o.v !== 1) problems.push(`unsupported version v=${JSON.stringify(o.v) ?? 'missing'} (expected 1)`);
  if (id === undefined) problems.push(`id must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  if (typeof o.text !== 'string') problems.push('text must be a string');
  if (typeof o.enqueuedAt !== 'string' || Number.isNaN(Date.parse(o.enqueuedAt))) {
    problems.push('enqueuedAt must be an ISO-8601 time string');
  }
  if (problems.length > 0 || id === undefined) return { ok: false, reason: problems.join('; '), id };
  return { ok: true, message: { v: 1, id, text: o.text as string, enqueuedAt: o.enqueuedAt as string } };
}

/** Decodes and validates raw bytes from the broker. */
export function parseMessage(body: Buffer | string): ParsedMessage {
  let value: unknown;
  try {
    value = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (e) {
    return { ok: false, reason: `body is not valid JSON (${e instanceof Error ? e.message : String(e)})`, id: undefined };
  }
  return validateMessage(value);
}
