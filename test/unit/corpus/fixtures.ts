/** Paths and readers of the real package excerpts under test/fixtures/corpus/. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
export const fixturePath = (name: string): string => `${FIXTURES}${name}`;
export const fixtureText = (name: string): string => readFileSync(fixturePath(name), 'utf8');
export const fixtureBytes = (name: string): Buffer => readFileSync(fixturePath(name));
