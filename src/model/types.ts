/**
 * The model's public contract (ARCHITECTURE.md "Library"). Everything here is plain data; the
 * same model code runs in the CLI, the API and the worker.
 */

export interface Candidate {
  /** A class label (a language code for the language model), or `und`. */
  readonly language: string;
  /** Calibrated probability in [0, 1]. */
  readonly confidence: number;
}

export interface Prediction {
  /** The best label, or `und` when confidence is below the threshold or the text has no letters. */
  readonly language: string;
  readonly confidence: number;
  /** The best candidates, most probable first (default 3). */
  readonly top: readonly Candidate[];
}

export interface ExplainedFeature {
  /** The character n-gram as it appears after normalisation (spaces mark word edges). */
  readonly ngram: string;
  /** Its contribution to the winning class's score (tf-idf value × weight), largest first. */
  readonly weight: number;
}

export interface MarkerWord {
  /** A word of the text (normalised) that one language of a close pair never uses. */
  readonly word: string;
  /** The language it counted for. */
  readonly language: string;
}

export interface Explanation {
  readonly prediction: Prediction;
  readonly features: readonly ExplainedFeature[];
  /**
   * The marker words (src/model/markers.ts) that moved the odds between the two best languages,
   * in text order; empty when they are not a close pair with markers or none occurs.
   */
  readonly markers: readonly MarkerWord[];
}

/** Training parameters recorded in the manifest (enough to reproduce the model). */
export type TrainingParams = Readonly<Record<string, string | number | boolean | readonly number[] | readonly string[]>>;

export interface Manifest {
  /** Artifact layout version; loading a newer/incompatible one fails with MODEL_INCOMPATIBLE. */
  readonly formatVersion: number;
  readonly modelVersion: string;
  readonly createdAt: string;
  readonly labels: readonly string[];
  readonly params: TrainingParams;
  readonly corpus: {
    readonly fingerprint: string;
    readonly counts: Readonly<Record<string, number>>;
  };
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly codeVersion: string;
}

export interface PredictOptions {
  /** How many candidates in `top` (default 3). */
  readonly top?: number;
}

export interface LanguageModel {
  predict(text: string, options?: PredictOptions): Prediction;
  /** Same answers as `predict`, one per input, in order (one normalisation pass for the batch). */
  predictBatch(texts: readonly string[], options?: PredictOptions): Prediction[];
  explain(text: string, maxFeatures?: number): Explanation;
  readonly labels: readonly string[];
  readonly manifest: Manifest;
}
