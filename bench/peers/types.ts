/**
 * What every tool in the side-by-side benchmark looks like: Glossa and each peer library a user
 * might pick instead. `detect` answers one of our 38 codes when the tool names one of our
 * languages, `und` when it declines to answer, or the tool's own code otherwise (counted wrong).
 */
export interface Detector {
  /** Display name in result tables, e.g. `franc` or `CLD2 (cld)`. */
  readonly name: string;
  /** The installed package version (read from its package.json), or the model version. */
  readonly version: string;
  /** Loads models or wasm; must be awaited once before `detect`. */
  init(): Promise<void>;
  /** One text in, one code out. Synchronous so the speed benchmark measures the library, not the event loop. */
  detect(text: string): string;
  /** Optional batched form (Glossa's predictBatch); same answers as `detect`, in order. */
  detectBatch?(texts: readonly string[]): string[];
  /** How the tool was restricted to our languages and other choices, for peers.md. */
  readonly notes: string;
  /** Which of our 38 languages the tool can name at all (known after `init`). */
  readonly covered: readonly string[];
}
