/**
 * Parses a database URL into a store kind and its location, and redacts passwords for messages.
 * Pure: no I/O, so it is unit-tested without a database.
 */
import { fileURLToPath } from 'node:url';
import { GlossaError } from '../errors.js';

export type StoreLocation =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'sqlite'; readonly path: string };

const SUPPORTED = 'postgres://…, postgresql://…, sqlite:PATH, file:PATH, a file path or :memory:';

/** Replaces the password of any `scheme://user:password@host` in `text` with `***`. */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@/\s]*@/gi, '$1:***@');
}

/**
 * - `postgres://…`, `postgresql://…` → PostgreSQL
 * - `sqlite:PATH`, `sqlite://PATH`, `sqlite::memory:`, `file:PATH`, `file:///abs`, a bare path,
 *   `:memory:` → SQLite
 * - anything else with a scheme → `USAGE` error naming the supported forms.
 */
export function parseStoreUrl(raw: string): StoreLocation {
  const url = raw.trim();
  if (url === '') throw new GlossaError('USAGE', `the database URL is empty; expected ${SUPPORTED}`);
  if (url === ':memory:') return { kind: 'sqlite', path: ':memory:' };
  // Two or more letters, so a Windows drive (`C:\…`) still reads as a path.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'sqlite', path: url };
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new GlossaError('USAGE', `the PostgreSQL URL ${redactUrl(url)} is not a valid URL`);
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
      throw new GlossaError('USAGE', `the PostgreSQL URL ${redactUrl(url)} names no host`);
    }
    return { kind: 'postgres', url };
  }
  if (scheme === 'sqlite') {
    const rest = url.slice('sqlite:'.length);
    const path = rest.startsWith('//') ? rest.slice(2) : rest;
    if (path === '') throw new GlossaError('USAGE', `the SQLite URL ${url} names no file`);
    return { kind: 'sqlite', path };
  }
  if (scheme === 'file') {
    try {
      return { kind: 'sqlite', path: url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length) };
    } catch (e) {
      throw new GlossaError('USAGE', `the file URL ${url} is not valid: ${(e as Error).message}`);
    }
  }
  throw new GlossaError('USAGE', `unsupported database URL scheme "${scheme}:" in ${redactUrl(url)}; expected ${SUPPORTED}`);
}
