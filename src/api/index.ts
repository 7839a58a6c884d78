/** The HTTP API (Fastify). The CLI builds it with `buildApp(deps)` and listens. */
export { buildApp } from './app.js';
export { API_DEFAULTS } from './types.js';
export type { ApiConfig, ApiDeps, ApiModelInfo, GroupCommitConfig, WorkerControl } from './types.js';
