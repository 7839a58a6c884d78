/** File helpers shared by the sources: sorted directory walks and a stable shuffled order. */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

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
    for (const name of await listDir(join(dir, rel))) {
      const child = rel === '' ? name : `${rel}/${name}`;
      if (await isDirectory(join(dir, child))) await visit(child);
      else if (accept(name)) out.push(child);
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
