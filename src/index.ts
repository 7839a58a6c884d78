/**
 * Glossa's library entry (ARCHITECTURE.md "Library"):
 *   const model = await loadModel(); model.predict('Hej, hvordan går det?')
 */
export type {
  Candidate, Prediction, Explanation, ExplainedFeature, Manifest, LanguageModel, PredictOptions,
} from './model/types.js';
export { LANGUAGES, LANGUAGE_CODES, UNDETERMINED, getLanguage, isLanguageCode } from './languages/index.js';
export type { Language } from './languages/index.js';
export { GlossaError, ERROR_CODES } from './errors.js';
export type { ErrorCode } from './errors.js';
export { loadModel, defaultModelDir } from './registry/load.js';
