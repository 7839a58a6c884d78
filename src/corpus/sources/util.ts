/** Helpers shared by the sources: sorted directory walks, a stable spread order, per-label budgets. */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { labelForLocale } from '../locales.js';
import type { RawDocument, SourceContext } from '../types.js';

/** Entries of a directory, sorted; [] when it does not exist. */
export async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Every file under `dir` whose name passes `accept`, as paths relative to `dir`, sorted. */
export async function walkFiles(dir: string, accept: (name: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const visit = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await visit(child);
      else if ((e.isFile() || e.isSymbolicLink()) && accept(e.name)) out.push(child);
    }
  };
  await visit('');
  return out;
}

/**
 * The items in an order that looks random but depends only on their keys, so a per-label
 * character budget takes a spread of documents rather than the alphabetically first ones.
 */
export function stableShuffle<T>(items: readonly T[], key: (item: T) => string): T[] {
  const h = (s: string): string => createHash('sha1').update(s).digest('hex');
  return items.map((item) => ({ item, k: h(key(item)) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map((x) => x.item);
}

/**
 * Prefix of the key that orders a source's files before the per-label budget takes the first
 * ones: a fixed seed for the spread. Its value is where the cache lived when the shipped corpus
 * (fingerprint 006743cc) was built, when the key was still the absolute path.
 */
const ORDER_SEED = '/work/main/.corpus-cache/root/';

/** Tracks characters read per label against a budget. */
export class Budget {
  private readonly used = new Map<string, number>();
  constructor(private readonly max: number) {}
  full(label: string): boolean {
    return (this.used.get(label) ?? 0) >= this.max;
  }
  add(label: string, pieces: readonly string[]): void {
    let n = 0;
    for (const p of pieces) n += p.length;
    this.used.set(label, (this.used.get(label) ?? 0) + n);
  }
}

/** A file of some language that a source turns into text pieces. */
export interface LabelledFile {
  readonly label: string;
  readonly doc: string;
  readonly path: string;
}

/**
 * Reads files in a stable spread order, at most `ctx.maxCharsPerLabel` characters of pieces per
 * label, yielding one document per file. A file that fails to read or parse is reported and skipped.
 */
export async function* readLabelledFiles(
  ctx: SourceContext,
  sourceName: string,
  files: readonly LabelledFile[],
  kind: 'prose' | 'ui',
  parse: (bytes: Buffer, file: LabelledFile) => string[],
): AsyncGenerator<RawDocument> {
  const budget = new Budget(ctx.maxCharsPerLabel);
  // The order is keyed by the path inside the cache, never by where the cache lives: the same
  // packages must give the same corpus (and fingerprint) in any checkout. ORDER_SEED is the cache
  // path the shipped model's corpus was first built at, so that corpus stays reproducible.
  const ordered = stableShuffle(files, (f) => ORDER_SEED + relative(ctx.debianRoot, f.path));
  // Reads run a few files ahead: the build is bound by file-system latency, not CPU. Decisions
  // (budget, order) are still taken file by file in order, so the output does not depend on timing.
  const AHEAD = 16;
  const pending = new Map<number, Promise<Buffer | Error>>();
  const start = (k: number): void => {
    const f = ordered[k];
    if (f === undefined || pending.has(k) || budget.full(f.label)) return;
    pending.set(k, readFile(f.path).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
  };
  for (let k = 0; k < ordered.length; k++) {
    const f = ordered[k];
    if (f === undefined) continue;
    if ((k + 1) % 1000 === 0) ctx.progress(`${sourceName}: ${k + 1}/${ordered.length} files`);
    for (let j = k; j < k + AHEAD; j++) start(j);
    const read = pending.get(k);
    pending.delete(k);
    if (read === undefined || budget.full(f.label)) continue;
    const bytes = await read;
    let pieces: string[];
    try {
      if (bytes instanceof Error) throw bytes;
      pieces = parse(bytes, f);
    } catch (e) {
      ctx.progress(`${sourceName}: skipping ${f.path}: ${(e as Error).message}`);
      continue;
    }
    if (pieces.length === 0) continue;
    budget.add(f.label, pieces);
    yield { label: f.label, doc: f.doc, kind, pieces };
  }
}

/** Strict UTF-8 decoding: legacy-encoded files are rejected rather than read as mojibake. */
export function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** A gettext catalogue file: `<localeRoot>/<locale>/LC_MESSAGES/<domain>.mo`. */
export interface CatalogueFile {
  readonly label: string;
  readonly locale: string;
  readonly domain: string;
  readonly path: string;
}

/** The .mo catalogues under a locale folder whose locale maps to a label and whose domain `accept`s. */
export async function findCatalogues(localeRoot: string, accept: (domain: string) => boolean): Promise<CatalogueFile[]> {
  const out: CatalogueFile[] = [];
  for (const locale of await listDir(localeRoot)) {
    const label = labelForLocale(locale);
    if (label === undefined) continue;
    const dir = join(localeRoot, locale, 'LC_MESSAGES');
    for (const name of await listDir(dir)) {
      if (!name.endsWith('.mo')) continue;
      const domain = name.slice(0, -3);
      if (accept(domain)) out.push({ label, locale, domain, path: join(dir, name) });
    }
  }
  return out;
}
