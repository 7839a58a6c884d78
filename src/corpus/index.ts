/**
 * The corpus layer's public surface for the CLI and the model's training code: building,
 * reading, splitting and describing a corpus directory.
 */
export type { Sample, RawDocument, CorpusSource, SourceContext, CorpusManifest, LabelCounts } from './types.js';
export { buildCorpus, type BuildOptions } from './build.js';
export { readCorpus, readJsonlSamples, corpusSources, type ReadCorpusOptions } from './read.js';
export { splitByDocument, splitBySource, unitHash, type Split } from './split.js';
export { corpusStats, formatStats, THIN_CHARS, type CorpusStats } from './stats.js';
export { importFile, type ImportOptions, type ImportResult } from './import.js';
export { fingerprintLines, sampleLine } from './manifest.js';
export { resolveSources, OFFLINE_SOURCES, OPTIONAL_SOURCES, SOURCE_GROUPS, DEFAULT_MAX_CHARS_PER_LABEL } from './sources/index.js';
