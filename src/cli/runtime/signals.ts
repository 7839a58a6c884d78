/**
 * Graceful shutdown on SIGTERM / SIGINT: the first signal runs `shutdown` (stop consuming, drain,
 * close) and exits 0 when it finishes, 1 when it throws or takes longer than `timeoutMs`.
 * A second signal exits 1 at once (an impatient Ctrl-C).
 */
import type { Logger } from './logger.js';

export interface ShutdownOptions {
  /** Longest time (ms) the drain may take before the process exits anyway. Default 30 000. */
  readonly timeoutMs?: number;
  /** Flushes logs etc. just before exiting. */
  readonly beforeExit?: () => void;
  /** Default SIGTERM and SIGINT. */
  readonly signals?: readonly NodeJS.Signals[];
}

export function onShutdownSignal(shutdown: (signal: string) => Promise<void>, logger: Logger, options: ShutdownOptions = {}): void {
  let shuttingDown = false;
  const exit = (code: number): never => {
    options.beforeExit?.();
    logger.flush();
    process.exit(code);
  };
  const handle = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting without finishing the drain');
      exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down gracefully');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: options.timeoutMs ?? 30_000 }, 'shutdown took too long; exiting');
      exit(1);
    }, options.timeoutMs ?? 30_000);
    timer.unref();
    shutdown(signal).then(
      () => { logger.info('stopped'); exit(0); },
      (e: unknown) => { logger.error({ err: e instanceof Error ? e.message : String(e) }, 'shutdown failed'); exit(1); },
    );
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, handle);
}

/**
 * Runs a service command's start-up; if it fails, the error is rethrown for main.ts to report,
 * and the process is made to exit shortly after even if some handle (a thread's message port, a
 * socket) was left open by a half-started component: a failed start must never hang.
 */
export async function failFast<T>(startUp: () => Promise<T>): Promise<T> {
  try {
    return await startUp();
  } catch (e) {
    setTimeout(() => process.exit(), 2_000).unref();
    throw e;
  }
}
