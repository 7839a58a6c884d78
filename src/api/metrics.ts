/**
 * The API's Prometheus metrics: requests by route and status, latency, group-commit batch sizes,
 * accepted/refused predictions and the number of waiters. Registered on the registry the caller
 * passes (shared with the monitor), or on a private one with Node's default metrics.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ApiMetrics {
  readonly registry: Registry;
  readonly accepted: Counter<string>;
  readonly refused: Counter<'code'>;
  readonly batchRows: Histogram<string>;
  readonly batchPhase: Histogram<'phase'>;
}

function metric<T>(registry: Registry, name: string, make: () => T): T {
  // A shared registry may already hold it (the app built twice in one process, e.g. tests).
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

export function createApiMetrics(shared: Registry | undefined, waiting: () => number): ApiMetrics {
  const registry = shared ?? new Registry();
  if (shared === undefined) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  metric(registry, 'glossa_api_waiters', () => new Gauge({
    name: 'glossa_api_waiters', help: 'Predictions this API process waits for (?wait and SSE)', registers,
    collect() { this.set(waiting()); },
  }));
  return {
    registry,
    accepted: metric(registry, 'glossa_api_predictions_accepted_total', () => new Counter({
      name: 'glossa_api_predictions_accepted_total', help: 'Predictions recorded and published (answered 202/200)', registers,
    })),
    refused: metric(registry, 'glossa_api_predictions_refused_total', () => new Counter({
      name: 'glossa_api_predictions_refused_total', help: 'Predictions refused after validation, by error code', labelNames: ['code'], registers,
    })),
    batchRows: metric(registry, 'glossa_api_group_commit_rows', () => new Histogram({
      name: 'glossa_api_group_commit_rows', help: 'Rows per group-commit batch (one insert + one publish)',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], registers,
    })),
    batchPhase: metric(registry, 'glossa_api_group_commit_seconds', () => new Histogram({
      name: 'glossa_api_group_commit_seconds', help: 'Time of one group-commit phase: insert (database) or publish (until confirmed)',
      labelNames: ['phase'], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10], registers,
    })),
  };
}

/** Counts every answered request and its latency, labelled by route pattern (not raw URL). */
export function instrumentRequests(app: FastifyInstance, registry: Registry): void {
  const registers = [registry];
  const requests = metric(registry, 'glossa_http_requests_total', () => new Counter({
    name: 'glossa_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'], registers,
  }));
  const duration = metric(registry, 'glossa_http_request_duration_seconds', () => new Histogram({
    name: 'glossa_http_request_duration_seconds', help: 'HTTP request latency (receive → answer sent)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
  }));
  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });
}
