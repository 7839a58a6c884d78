/**
 * The predictions of this browser session, newest first, kept in sessionStorage so they survive
 * a reload but not the tab. Storage may be unavailable (privacy modes): then the list lives only
 * in memory.
 */
export interface RecentItem {
  readonly id: string;
  /** The text, cut at 5 000 characters to keep the storage small. */
  readonly text: string;
  readonly language: string;
  readonly confidence: number;
  /** Epoch milliseconds. */
  readonly at: number;
}

const KEY = 'glossa.recent.v1';
const MAX = 10;
const SNIPPET = 80;
export const KEEP_CHARS = 5000;

let memory: RecentItem[] = [];

function isItem(v: unknown): v is RecentItem {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.text === 'string' && typeof o.language === 'string'
    && typeof o.confidence === 'number' && typeof o.at === 'number';
}

export function loadRecent(): RecentItem[] {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (raw === null) return memory;
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isItem).slice(0, MAX) : [];
  } catch {
    return memory;
  }
}

export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET ? `${flat.slice(0, SNIPPET - 1)}…` : flat;
}

/** Adds (or moves to the top) one prediction and returns the new list. */
export function addRecent(item: RecentItem): RecentItem[] {
  const list = [item, ...loadRecent().filter((r) => r.id !== item.id)].slice(0, MAX);
  memory = list;
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // quota or privacy mode: the in-memory copy still serves this page
  }
  return list;
}
