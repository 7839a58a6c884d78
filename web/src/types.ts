/**
 * The shapes the UI reads from the HTTP API (ARCHITECTURE.md "HTTP API"), and guards that turn
 * untrusted JSON into them. A malformed answer becomes a clear error, never an `undefined` deep
 * in the view.
 */

export interface Candidate {
  readonly language: string;
  readonly confidence: number;
}

export interface PredictionResult {
  readonly language: string;
  readonly name: string | undefined;
  readonly nativeName: string | undefined;
  readonly confidence: number;
  readonly top: readonly Candidate[];
}

export type Status = 'queued' | 'done' | 'failed';

export interface PredictionView {
  readonly id: string;
  readonly status: Status;
  readonly result: PredictionResult | null;
  readonly modelVersion: string | null;
  readonly error: string | null;
}

export interface ExplainedNgram {
  readonly ngram: string;
  readonly weight: number;
}

/** A word that one language of a close pair never uses, and the language it counted for. */
export interface MarkerWord {
  readonly word: string;
  readonly language: string;
}

export interface Stats {
  readonly queueDepth: number | undefined;
  readonly workers: number | undefined;
  readonly perSecond: number | undefined;
  /** Cumulative finished predictions, used to derive a rate when the server gives none. */
  readonly done: number | undefined;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function candidate(v: unknown): Candidate | undefined {
  if (!isObj(v)) return undefined;
  const language = str(v.language);
  const confidence = num(v.confidence);
  return language !== undefined && confidence !== undefined ? { language, confidence } : undefined;
}

export function parsePrediction(v: unknown): PredictionView {
  if (!isObj(v)) throw new Error('the server sent a prediction that is not an object');
  const id = str(v.id);
  const status = str(v.status);
  if (id === undefined || (status !== 'queued' && status !== 'done' && status !== 'failed')) {
    throw new Error('the server sent a prediction without id or status');
  }
  let result: PredictionResult | null = null;
  if (isObj(v.result)) {
    const r = v.result;
    const language = str(r.language);
    const confidence = num(r.confidence);
    if (language === undefined || confidence === undefined) throw new Error('the server sent a result without language');
    const top = Array.isArray(r.top) ? r.top.map(candidate).filter((c): c is Candidate => c !== undefined) : [];
    result = { language, confidence, top, name: str(r.name), nativeName: str(r.nativeName) };
  }
  if (status === 'done' && result === null) throw new Error('the server sent a finished prediction without result');
  return { id, status, result, modelVersion: str(v.modelVersion) ?? null, error: str(v.error) ?? null };
}

/** Accepts `{features: […]}` (the model's Explanation), `{ngrams: […]}` or a bare array. */
export function parseExplanation(v: unknown): ExplainedNgram[] {
  const list = Array.isArray(v) ? v : isObj(v) ? (v.features ?? v.ngrams) : undefined;
  if (!Array.isArray(list)) throw new Error('the server sent an explanation without n-grams');
  const out: ExplainedNgram[] = [];
  for (const f of list) {
    if (!isObj(f)) continue;
    const ngram = str(f.ngram);
    const weight = num(f.weight);
    if (ngram !== undefined && weight !== undefined) out.push({ ngram, weight });
  }
  return out;
}

/** The explanation's marker words; none when absent (a server from before they existed). */
export function parseMarkers(v: unknown): MarkerWord[] {
  const list = isObj(v) ? v.markers : undefined;
  if (!Array.isArray(list)) return [];
  const out: MarkerWord[] = [];
  for (const m of list) {
    if (!isObj(m)) continue;
    const word = str(m.word);
    const language = str(m.language);
    if (word !== undefined && language !== undefined) out.push({ word, language });
  }
  return out;
}

function path(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

function first(v: unknown, paths: readonly string[][]): number | undefined {
  for (const p of paths) {
    const n = num(path(v, ...p));
    if (n !== undefined) return n;
  }
  return undefined;
}

/** Reads /api/v1/stats tolerantly: each figure may be missing (shown as "—"). */
export function parseStats(v: unknown): Stats {
  return {
    queueDepth: first(v, [['queueDepth'], ['queue', 'depth'], ['queue', 'messages'], ['queued']]),
    workers: first(v, [['workers'], ['workersConnected'], ['workers', 'connected'], ['queue', 'consumers'], ['consumers']]),
    perSecond: first(v, [['predictionsPerSecond'], ['throughput', 'perSecond'], ['ratePerSecond'], ['rate']]),
    done: first(v, [['done'], ['store', 'done'], ['predictions', 'done']]),
  };
}

/** The `{error: {code, message}}` body of a failed request, if it is one. */
export function parseErrorBody(v: unknown): { code: string; message: string } | undefined {
  const e = isObj(v) ? v.error : undefined;
  if (!isObj(e)) return undefined;
  const code = str(e.code);
  const message = str(e.message);
  return code !== undefined && message !== undefined ? { code, message } : undefined;
}
