/**
 * Store rows → the JSON the API returns (ARCHITECTURE.md "HTTP API"). Results gain the English
 * and native language names so clients need no table of their own; `und` is "Undetermined".
 */
import { getLanguage, UNDETERMINED } from '../languages/index.js';
import type { PredictionRecord, PredictionResult } from '../store/types.js';
import type { PredictionView, ResultView } from './schemas.js';

export function languageNames(code: string): { name: string; nativeName: string } {
  const lang = getLanguage(code);
  if (lang !== undefined) return { name: lang.name, nativeName: lang.nativeName };
  if (code === UNDETERMINED) return { name: 'Undetermined', nativeName: 'Undetermined' };
  // A label of another model (text classification): show the label itself.
  return { name: code, nativeName: code };
}

export function presentResult(result: PredictionResult): ResultView {
  return {
    language: result.language,
    ...languageNames(result.language),
    confidence: result.confidence,
    top: result.top.map((c) => ({ language: c.language, ...languageNames(c.language), confidence: c.confidence })),
  };
}

export function presentPrediction(record: PredictionRecord): PredictionView {
  return {
    id: record.id,
    status: record.status,
    result: record.result === null ? null : presentResult(record.result),
    modelVersion: record.modelVersion,
    error: record.error,
    createdAt: record.createdAt.toISOString(),
    completedAt: record.completedAt === null ? null : record.completedAt.toISOString(),
  };
}
