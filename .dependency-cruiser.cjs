/**
 * Holds the dependency direction of ../shared/ARCHITECTURE.md:
 *   cli → api, worker, monitor, loadtest, corpus, registry → queue, store, model → languages
 * An import may only point down this list. `errors.ts` and `index.ts` (the package's public
 * entry) sit beside the layers: everyone may use errors; only index.ts re-exports the library.
 */
const layer = (name) => `^src/${name}/`;
const upper = ['cli'];
const middle = ['api', 'worker', 'monitor', 'loadtest', 'corpus', 'registry'];
const lower = ['queue', 'store', 'model'];

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'nothing-imports-cli', severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' }, to: { path: layer('cli') },
    },
    {
      name: 'middle-does-not-import-middle-siblings-upward', severity: 'error',
      comment: 'middle layers may use lower layers and languages, not each other (except registry, which they may read)',
      from: { path: `^src/(${middle.filter((m) => m !== 'registry').join('|')})/` },
      to: { path: `^src/(${middle.filter((m) => m !== 'registry').join('|')})/`, pathNot: '$1' },
    },
    {
      name: 'lower-does-not-import-upward', severity: 'error',
      from: { path: `^src/(${lower.join('|')})/` },
      to: { path: `^src/(${[...upper, ...middle].join('|')})/` },
    },
    {
      name: 'queue-and-store-know-nothing-of-the-model', severity: 'error',
      from: { path: '^src/(queue|store)/' }, to: { path: '^src/model/' },
    },
    {
      name: 'model-imports-only-languages', severity: 'error',
      from: { path: '^src/model/' }, to: { path: '^src/', pathNot: '^src/(model/|languages/|errors\\.ts$)' },
    },
    {
      name: 'languages-is-a-leaf', severity: 'error',
      from: { path: '^src/languages/' }, to: { path: '^src/(?!languages/)[^/]+/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
