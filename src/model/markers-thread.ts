/** Entry of the marker-learning helper thread (markers-aside.ts). */
import { learnPairMarkers, type MarkerOptions } from './markers.js';
import { answerCall } from './sync-thread.js';

/** The items as three parallel arrays: strings clone much faster than objects. */
export interface MarkersInput {
  readonly texts: readonly string[];
  readonly labels: readonly string[];
  readonly sources: readonly (string | undefined)[];
  readonly options: MarkerOptions;
}

answerCall(({ texts, labels, sources, options }: MarkersInput) => {
  const items = texts.map((text, i) => ({ text, label: labels[i]!, source: sources[i] }));
  return { value: learnPairMarkers(items, options) };
});
