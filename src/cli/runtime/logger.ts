/**
 * The process logger: pino, JSON lines on stderr (stdout stays for what a command prints, such as
 * the URL of `glossa start`). Secrets never reach it: URLs are redacted by the config module
 * before they are logged, and these paths are censored in case an object carries one anyway.
 */
import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { pid: process.pid, ...bindings },
    redact: { paths: ['adminToken', '*.adminToken', 'password', '*.password', 'headers.authorization'], censor: '***' },
  }, pino.destination({ fd: 2, sync: false }));
}
