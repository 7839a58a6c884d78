/** Paths and readers of the real package excerpts under test/fixtures/corpus/. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CorpusSource, RawDocument } from '../../../src/corpus/types.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
export const fixturePath = (name: string): string => `${FIXTURES}${name}`;
export const fixtureText = (name: string): string => readFileSync(fixturePath(name), 'utf8');
export const fixtureBytes = (name: string): Buffer => readFileSync(fixturePath(name));

/** Every document a source yields from a package root made by a test (budget 1 M characters per label). */
export async function readSourceDocuments(source: CorpusSource, debianRoot: string, progress: (message: string) => void = () => undefined): Promise<RawDocument[]> {
  const docs: RawDocument[] = [];
  for await (const d of source.read({ debianRoot, udhrDir: '', maxCharsPerLabel: 1e6, progress })) docs.push(d);
  return docs;
}
