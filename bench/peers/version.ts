import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The installed version of a package, read from its package.json on disk so the report names what
 * actually ran. Found through the resolver's search paths because some packages (eld) do not
 * export `./package.json` and have no `require` entry.
 */
export function packageVersion(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8')) as { version?: unknown };
      if (typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not installed at this level; keep looking
    }
  }
  return 'unknown';
}
