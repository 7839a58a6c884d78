/**
 * Marker words (markers.ts) learned on a helper thread while training goes on: they depend on
 * the training items only, not on the weights, so learning them beside the SGD takes them off
 * training's critical path (~30 s of 3.8 M records). The words are exactly those the caller
 * would learn; if the thread fails or is late, the caller learns them itself.
 */
import { learnPairMarkers, type MarkerItem, type MarkerOptions, type PairMarkers } from './markers.js';
import type { MarkersInput } from './markers-thread.js';
import { siblingEntry } from './spawn-thread.js';
import { callInThread } from './sync-thread.js';

/** Below this many items the thread costs more to start than it saves. */
export const MIN_ASIDE_ITEMS = 50_000;
/** How long past the moment the words are needed the thread may still take. */
const GRACE_MS = 120_000;

export interface MarkersAside {
  /** The marker words; waits for the thread if it is still learning them. */
  result(): PairMarkers[];
}

export interface AsideOptions {
  readonly threads: number;
  /** Fewest items worth a thread (tests lower it). */
  readonly minItems?: number;
  /** The thread's entry module (tests pass a faulty one); default ./markers-thread.(js|ts). */
  readonly entry?: URL;
}

export function learnPairMarkersAside(items: readonly MarkerItem[], options: MarkerOptions, aside: AsideOptions): MarkersAside & { readonly threaded: boolean } {
  const now = (): PairMarkers[] => learnPairMarkers(items, options);
  if (aside.threads < 2 || items.length < (aside.minItems ?? MIN_ASIDE_ITEMS) || options.pairs.length === 0) return { result: now, threaded: false };
  const input: MarkersInput = { texts: items.map((i) => i.text), labels: items.map((i) => i.label), sources: items.map((i) => i.source), options };
  const call = callInThread<PairMarkers[]>(aside.entry ?? siblingEntry(import.meta.url, 'markers-thread'), input);
  return { result: () => call.result(Date.now() + GRACE_MS) ?? now(), threaded: true };
}
