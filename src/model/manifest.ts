/**
 * Builds the manifest of a trained model. Pure: the caller supplies the clock and the code
 * version. The model version is `<prefix>-<yyyymmdd>-<8 hex of the weights' hash>`, so the same
 * weights always get the same suffix and different weights a different one.
 */
import { FORMAT_VERSION, encodeMarkers, encodeWeights } from './artifact.js';
import { hashString } from './hashing.js';
import type { ModelParts } from './parts.js';
import type { Manifest, TrainingParams } from './types.js';

/**
 * A content hash of the weights (FNV-1a/murmur over the encoded bytes, hex), and of the marker
 * words' hashes when there are any (a model without them keeps the digest it had before markers existed).
 */
export function weightsDigest(parts: ModelParts): string {
  let acc = sliceHashes(encodeWeights(parts));
  if (parts.markers !== undefined && parts.markers.length > 0) acc += sliceHashes(encodeMarkers(parts.markers));
  return hashString(acc).toString(16).padStart(8, '0');
}

/** Hashes of 32 KiB slices, joined: fast enough for a 10 MB file and stable. */
function sliceHashes(bytes: Uint8Array): string {
  let acc = '';
  for (let o = 0; o < bytes.length; o += 32768) {
    const slice = bytes.subarray(o, Math.min(bytes.length, o + 32768));
    let h = 0x811c9dc5;
    for (let i = 0; i < slice.length; i++) h = Math.imul(h ^ slice[i]!, 0x01000193);
    acc += (h >>> 0).toString(16);
  }
  return acc;
}

export interface ManifestInput {
  readonly parts: ModelParts;
  readonly params: TrainingParams;
  readonly corpus: { readonly fingerprint: string; readonly counts: Readonly<Record<string, number>> };
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly codeVersion: string;
  readonly createdAt: Date;
  readonly prefix?: string;
}

export function buildManifest(m: ManifestInput): Manifest {
  const day = m.createdAt.toISOString().slice(0, 10).replaceAll('-', '');
  return {
    formatVersion: FORMAT_VERSION,
    modelVersion: `${m.prefix ?? 'lid'}-${day}-${weightsDigest(m.parts)}`,
    createdAt: m.createdAt.toISOString(),
    labels: [...m.parts.labels],
    params: m.params,
    corpus: m.corpus,
    metrics: m.metrics,
    codeVersion: m.codeVersion,
  };
}
