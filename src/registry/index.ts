/**
 * Model versions on disk. A registry is a directory:
 *   CURRENT          the version in use (one line)
 *   HISTORY          versions that were current before, oldest first (for rollback)
 *   CHANGELOG.md     one entry per version, newest first
 *   <version>/       a model artifact (manifest.json + weights.bin, see model/artifact.ts)
 * A model directory itself (with manifest.json) is accepted wherever a registry is, so
 * `--model DIR` works for both.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossaError } from '../errors.js';
import { MANIFEST_FILE, writeArtifact } from '../model/artifact.js';
import type { ModelParts } from '../model/parts.js';
import type { Manifest } from '../model/types.js';

export const CURRENT_FILE = 'CURRENT';
export const HISTORY_FILE = 'HISTORY';
export const CHANGELOG_FILE = 'CHANGELOG.md';

const VERSION_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isModelDir(dir: string): boolean {
  return existsSync(join(dir, MANIFEST_FILE));
}

export function currentVersion(root: string): string | undefined {
  try {
    const v = readFileSync(join(root, CURRENT_FILE), 'utf8').trim();
    return v || undefined;
  } catch {
    return undefined;
  }
}

/** The model directory to load for `dir`: itself if it is a model, else its current version. */
export function resolveModelDir(dir: string): string {
  if (isModelDir(dir)) return dir;
  const v = currentVersion(dir);
  if (v !== undefined) {
    const d = join(dir, v);
    if (isModelDir(d)) return d;
    throw new GlossaError('MODEL_NOT_FOUND', `${join(dir, CURRENT_FILE)} names version ${v}, but ${d} holds no model`);
  }
  throw new GlossaError('MODEL_NOT_FOUND', `no model at ${dir} (neither ${MANIFEST_FILE} nor ${CURRENT_FILE})`);
}

export interface VersionInfo {
  readonly version: string;
  readonly current: boolean;
  readonly manifest: Manifest;
}

export async function readManifest(root: string, version: string): Promise<Manifest> {
  checkVersion(version);
  const p = join(root, version, MANIFEST_FILE);
  if (!existsSync(p)) throw new GlossaError('MODEL_NOT_FOUND', `no model version ${version} in ${root}`);
  try {
    return JSON.parse(await readFile(p, 'utf8')) as Manifest;
  } catch (e) {
    throw new GlossaError('MODEL_INCOMPATIBLE', `${p}: invalid JSON (${(e as Error).message})`);
  }
}

/** Every version in the registry, oldest first by creation time. */
export async function listVersions(root: string): Promise<VersionInfo[]> {
  if (!existsSync(root)) throw new GlossaError('MODEL_NOT_FOUND', `no model registry at ${root}`);
  const cur = currentVersion(root);
  const out: VersionInfo[] = [];
  for (const name of readdirSync(root, { withFileTypes: true })) {
    if (!name.isDirectory() || !isModelDir(join(root, name.name))) continue;
    out.push({ version: name.name, current: name.name === cur, manifest: await readManifest(root, name.name) });
  }
  return out.sort((a, b) => a.manifest.createdAt.localeCompare(b.manifest.createdAt) || a.version.localeCompare(b.version));
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

/** Makes `version` current; the previous current version is remembered for rollback. */
export async function promote(root: string, version: string): Promise<{ previous?: string }> {
  checkVersion(version);
  if (!isModelDir(join(root, version))) throw new GlossaError('MODEL_NOT_FOUND', `no model version ${version} in ${root}`);
  const previous = currentVersion(root);
  if (previous === version) return { previous };
  if (previous !== undefined) await appendFile(join(root, HISTORY_FILE), `${previous}\n`);
  await writeAtomic(join(root, CURRENT_FILE), `${version}\n`);
  return { previous };
}

/** Goes back to the version that was current before; fails if there is none. */
export async function rollback(root: string): Promise<{ from?: string; to: string }> {
  const histPath = join(root, HISTORY_FILE);
  const history = existsSync(histPath) ? (await readFile(histPath, 'utf8')).split('\n').filter(Boolean) : [];
  const to = history.pop();
  if (to === undefined) throw new GlossaError('MODEL_NOT_FOUND', `nothing to roll back to in ${root} (no ${HISTORY_FILE})`);
  if (!isModelDir(join(root, to))) throw new GlossaError('MODEL_NOT_FOUND', `previous version ${to} is no longer in ${root}`);
  const from = currentVersion(root);
  await writeAtomic(join(root, CURRENT_FILE), `${to}\n`);
  await writeAtomic(histPath, history.map((h) => `${h}\n`).join(''));
  return { from, to };
}

/**
 * Stores a new version (artifact + changelog entry); makes it current when `makeCurrent`.
 * The changelog keeps the newest entry first under its title line.
 */
export async function addVersion(root: string, parts: ModelParts, manifest: Manifest, notes: string, makeCurrent: boolean): Promise<string> {
  const version = manifest.modelVersion;
  checkVersion(version);
  await writeArtifact(join(root, version), parts, manifest);
  const clPath = join(root, CHANGELOG_FILE);
  const title = '# Model changelog\n\n';
  const old = existsSync(clPath) ? (await readFile(clPath, 'utf8')).replace(/^# Model changelog\n\n?/, '') : '';
  await writeFile(clPath, `${title}## ${version} (${manifest.createdAt})\n\n${notes.trim()}\n\n${old}`);
  if (makeCurrent) await promote(root, version);
  return join(root, version);
}

function checkVersion(version: string): void {
  if (!VERSION_RE.test(version)) throw new GlossaError('USAGE', `invalid model version name: ${JSON.stringify(version)}`);
}
