/**
 * `glossa models list|show|promote|rollback [--dir DIR]` — the model registry (src/registry):
 * which versions exist, which one is current, their metrics; switch and switch back.
 * The default registry is the shipped models/ folder.
 */
import type { Command } from 'commander';
import { defaultModelDir } from '../../registry/load.js';
import { currentVersion, listVersions, promote, readManifest, rollback } from '../../registry/index.js';
import { GlossaError } from '../../errors.js';

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

function summary(metrics: Readonly<Record<string, unknown>>): string {
  const h = metrics['heldOut'] as Record<string, unknown> | undefined;
  const acc = h?.['macroRecall'];
  return typeof acc === 'number' ? `held-out macro accuracy ${(acc * 100).toFixed(1)}%` : '';
}

export function register(program: Command): void {
  const models = program.command('models').description('list, inspect, promote and roll back model versions');
  const dirOpt = '--dir <dir>';
  const dirHelp = 'model registry folder (default: the shipped models/)';
  models.command('list').description('every version, oldest first; * marks the current one')
    .option(dirOpt, dirHelp)
    .option('--json', 'print JSON', false)
    .action(async (f: { dir?: string; json: boolean }) => {
      const root = f.dir ?? defaultModelDir();
      const versions = await listVersions(root);
      if (f.json) {
        out(JSON.stringify(versions.map((v) => ({ version: v.version, current: v.current, createdAt: v.manifest.createdAt, metrics: v.manifest.metrics }))));
        return;
      }
      if (versions.length === 0) out(`no model versions in ${root}`);
      for (const v of versions) out(`${v.current ? '*' : ' '} ${v.version}  ${v.manifest.createdAt}  ${summary(v.manifest.metrics)}`.trimEnd());
    });
  models.command('show').description('the manifest of a version (default: the current one)')
    .argument('[version]')
    .option(dirOpt, dirHelp)
    .action(async (version: string | undefined, f: { dir?: string }) => {
      const root = f.dir ?? defaultModelDir();
      const v = version ?? currentVersion(root);
      if (v === undefined) throw new GlossaError('MODEL_NOT_FOUND', `no current version in ${root}; name one`);
      out(JSON.stringify(await readManifest(root, v), null, 2));
    });
  models.command('promote').description('make VERSION the current model (services pick it up on reload)')
    .argument('<version>')
    .option(dirOpt, dirHelp)
    .action(async (version: string, f: { dir?: string }) => {
      const root = f.dir ?? defaultModelDir();
      const { previous } = await promote(root, version);
      out(`current: ${version}${previous && previous !== version ? ` (was ${previous})` : ''}`);
    });
  models.command('rollback').description('go back to the version that was current before')
    .option(dirOpt, dirHelp)
    .action(async (f: { dir?: string }) => {
      const root = f.dir ?? defaultModelDir();
      const { from, to } = await rollback(root);
      out(`current: ${to}${from ? ` (was ${from})` : ''}`);
    });
}
