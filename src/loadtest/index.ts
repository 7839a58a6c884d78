/** End-to-end load generator and report (`glossa loadtest`, bench/pipeline.ts). */
export { runLoadTest, formatReport, checkLoadOptions } from './run.js';
export type { LoadOptions, LoadReport } from './run.js';
export { summarize, percentile } from './stats.js';
export type { LatencySummary } from './stats.js';
export { JsonClient } from './http.js';
export { LOAD_TEXTS } from './texts.js';
