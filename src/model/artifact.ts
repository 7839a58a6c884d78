/**
 * The model artifact: a directory with `weights.bin` (the numbers) and `manifest.json` (what
 * they are: versions, labels, parameters, corpus, metrics). The only file I/O of src/model.
 *
 * weights.bin, little-endian:
 *   0  magic "GLSW"              4  u32 format version
 *   8  u32 buckets  12 u32 classes  16 u32 minN  20 u32 maxN  24 u32 maxWordLength
 *   28 f32 temperature  32 f32 threshold  36 u32 nnz (stored weights)
 *   40 u32 labelScripts[classes] · f32 bias[classes] · f32 idf[buckets] · f32 scale[buckets]
 *      · u32 rowPtr[buckets + 1] · u16 cls[nnz] · i8 val[nnz]   (sparse rows, see parts.ts)
 * markers.bin (format 3), the marker words of close pairs (markers.ts), little-endian:
 *   0  magic "GLSM"   4  u32 markers format version (1)   8  u32 header bytes H
 *   12 H bytes of JSON {"pairs": [{"pair": [a, b], "evidence": nats, "counts": [n₀, n₁]}]},
 *      padded to 4 bytes; then per pair and side: u32 key[n] · u16 check[n] (padded to 4).
 * Hashes rather than words: the word lists are 2 MB of text against 0.75 MB of hashes, and the
 * model must stay under 10 MB on disk.
 * Format 2 is format 3 without the markers file; it is still read. A reader refuses any other format
 * version, naming it and the ones it reads (MODEL_INCOMPATIBLE).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossaError } from '../errors.js';
import type { MarkerSide, PairMarkerTable } from './markers.js';
import type { ModelParts } from './parts.js';
import type { Manifest } from './types.js';

/** The artifact layout this code writes. */
export const FORMAT_VERSION = 3;
/** The oldest artifact layout this code reads (2: no markers.bin). */
export const OLDEST_READABLE_FORMAT = 2;
/** The layout of weights.bin, unchanged since artifact format 2. */
const WEIGHTS_FORMAT = 2;
export const WEIGHTS_FILE = 'weights.bin';
export const MANIFEST_FILE = 'manifest.json';
export const MARKERS_FILE = 'markers.bin';
const READABLE = `format versions ${OLDEST_READABLE_FORMAT} to ${FORMAT_VERSION}`;
const MAGIC = 0x57534c47; // "GLSW" read as little-endian u32
const HEADER_BYTES = 40;

function byteSize(B: number, C: number, nnz: number): number {
  return HEADER_BYTES + C * 8 + B * 8 + (B + 1) * 4 + nnz * 3;
}

export function encodeWeights(p: ModelParts): Uint8Array {
  const C = p.labels.length;
  const B = p.features.buckets;
  const nnz = p.val.length;
  const size = byteSize(B, C, nnz);
  const buf = new ArrayBuffer(size);
  const dv = new DataView(buf);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, WEIGHTS_FORMAT, true);
  dv.setUint32(8, B, true);
  dv.setUint32(12, C, true);
  dv.setUint32(16, p.features.minN, true);
  dv.setUint32(20, p.features.maxN, true);
  dv.setUint32(24, p.features.maxWordLength, true);
  dv.setFloat32(28, p.temperature, true);
  dv.setFloat32(32, p.threshold, true);
  dv.setUint32(36, nnz, true);
  let o = HEADER_BYTES;
  for (let c = 0; c < C; c++, o += 4) dv.setUint32(o, p.labelScripts[c]!, true);
  for (let c = 0; c < C; c++, o += 4) dv.setFloat32(o, p.bias[c]!, true);
  for (let b = 0; b < B; b++, o += 4) dv.setFloat32(o, p.idf[b]!, true);
  for (let b = 0; b < B; b++, o += 4) dv.setFloat32(o, p.scale[b]!, true);
  for (let b = 0; b <= B; b++, o += 4) dv.setUint32(o, p.rowPtr[b]!, true);
  for (let j = 0; j < nnz; j++, o += 2) dv.setUint16(o, p.cls[j]!, true);
  new Int8Array(buf, o, nnz).set(p.val);
  return new Uint8Array(buf);
}

export function decodeWeights(bytes: Uint8Array, labels: readonly string[], where = WEIGHTS_FILE): ModelParts {
  const bad = (why: string): GlossaError => new GlossaError('MODEL_INCOMPATIBLE', `${where}: ${why}`);
  if (bytes.byteLength < HEADER_BYTES) throw bad('file too short to be a Glossa model');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) throw bad('not a Glossa weights file (bad magic)');
  const version = dv.getUint32(4, true);
  if (version !== WEIGHTS_FORMAT) {
    throw bad(`weights format version ${version}, but this Glossa reads weights format version ${WEIGHTS_FORMAT}`);
  }
  const B = dv.getUint32(8, true);
  const C = dv.getUint32(12, true);
  if (C !== labels.length) throw bad(`${C} classes in the weights but ${labels.length} labels in the manifest`);
  const nnz = dv.getUint32(36, true);
  const size = byteSize(B, C, nnz);
  if (bytes.byteLength !== size) throw bad(`expected ${size} bytes, found ${bytes.byteLength} (truncated or corrupt)`);
  const features = { buckets: B, minN: dv.getUint32(16, true), maxN: dv.getUint32(20, true), maxWordLength: dv.getUint32(24, true) };
  const temperature = dv.getFloat32(28, true);
  const threshold = dv.getFloat32(32, true);
  let o = HEADER_BYTES;
  const labelScripts = new Uint32Array(C);
  for (let c = 0; c < C; c++, o += 4) labelScripts[c] = dv.getUint32(o, true);
  const bias = new Float32Array(C);
  for (let c = 0; c < C; c++, o += 4) bias[c] = dv.getFloat32(o, true);
  // Views into the file's bytes where they are aligned (a file read whole is), copies where not:
  // a copy touches megabytes of fresh memory, and first touches are most of the load time on
  // virtual machines. Typed arrays use the platform's byte order; every platform Node supports
  // for this project is little-endian.
  const section = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, width: number): T => {
    const at = bytes.byteOffset + o;
    o += length * width;
    return at % width === 0 ? make(bytes.buffer, at, length) : make(bytes.buffer.slice(at, at + length * width), 0, length);
  };
  const idf = section((b, at, n) => new Float32Array(b, at, n), B, 4);
  const scale = section((b, at, n) => new Float32Array(b, at, n), B, 4);
  const rowPtr = section((b, at, n) => new Uint32Array(b, at, n), B + 1, 4);
  const cls = section((b, at, n) => new Uint16Array(b, at, n), nnz, 2);
  const val = section((b, at, n) => new Int8Array(b, at, n), nnz, 1);
  if (rowPtr[B] !== nnz) throw bad('corrupt row index');
  for (let j = 0; j < nnz; j++) if (cls[j]! >= C) throw bad('corrupt class index');
  return { features, labels: [...labels], idf, scale, rowPtr, cls, val, bias, temperature, threshold, labelScripts };
}

function checkManifest(m: unknown, dir: string): Manifest {
  const where = join(dir, MANIFEST_FILE);
  if (typeof m !== 'object' || m === null) throw new GlossaError('MODEL_INCOMPATIBLE', `${where}: not a JSON object`);
  const r = m as Record<string, unknown>;
  if (typeof r.formatVersion !== 'number') throw new GlossaError('MODEL_INCOMPATIBLE', `${where}: no formatVersion`);
  if (!(r.formatVersion >= OLDEST_READABLE_FORMAT && r.formatVersion <= FORMAT_VERSION)) {
    throw new GlossaError('MODEL_INCOMPATIBLE',
      `model at ${dir} has format version ${r.formatVersion}, but this Glossa reads ${READABLE}; ` +
      (r.formatVersion > FORMAT_VERSION ? 'upgrade Glossa' : 'retrain the model (glossa train)'));
  }
  if (!Array.isArray(r.labels) || !r.labels.every((l) => typeof l === 'string')) {
    throw new GlossaError('MODEL_INCOMPATIBLE', `${where}: labels must be an array of strings`);
  }
  return m as Manifest;
}

/** Reads a model directory. MODEL_NOT_FOUND if it is not there, MODEL_INCOMPATIBLE if unreadable. */
export async function readArtifact(dir: string): Promise<{ parts: ModelParts; manifest: Manifest }> {
  const mPath = join(dir, MANIFEST_FILE);
  const wPath = join(dir, WEIGHTS_FILE);
  if (!existsSync(mPath) || !existsSync(wPath)) {
    throw new GlossaError('MODEL_NOT_FOUND', `no model at ${dir} (expected ${MANIFEST_FILE} and ${WEIGHTS_FILE})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(mPath, 'utf8'));
  } catch (e) {
    throw new GlossaError('MODEL_INCOMPATIBLE', `${mPath}: invalid JSON (${(e as Error).message})`);
  }
  const manifest = checkManifest(raw, dir);
  const parts = decodeWeights(await readFile(wPath), manifest.labels, wPath);
  if (manifest.formatVersion < 3) return { parts, manifest };
  return { parts: { ...parts, markers: await readMarkers(join(dir, MARKERS_FILE)) }, manifest };
}

const MARKERS_MAGIC = 0x4d534c47; // "GLSM" read as little-endian u32
const MARKERS_HEADER = 12;
const MARKERS_FORMAT = 1;

interface MarkersHeader {
  readonly pairs: readonly { readonly pair: readonly [string, string]; readonly evidence: number; readonly counts: readonly [number, number] }[];
}

/** markers.bin: the layout of the module comment; same markers ⇒ same bytes. */
export function encodeMarkers(markers: readonly PairMarkerTable[]): Uint8Array {
  const header: MarkersHeader = { pairs: markers.map((m) => ({ pair: m.pair, evidence: m.evidence, counts: [m.sides[0].keys.length, m.sides[1].keys.length] })) };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const pad4 = (n: number): number => Math.ceil(n / 4) * 4;
  let size = MARKERS_HEADER + pad4(json.length);
  for (const m of markers) for (const side of m.sides) size += side.keys.length * 4 + pad4(side.checks.length * 2);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MARKERS_MAGIC, true);
  dv.setUint32(4, MARKERS_FORMAT, true);
  dv.setUint32(8, json.length, true);
  out.set(json, MARKERS_HEADER);
  let o = MARKERS_HEADER + pad4(json.length);
  for (const m of markers) {
    for (const side of m.sides) {
      for (let j = 0; j < side.keys.length; j++, o += 4) dv.setUint32(o, side.keys[j]!, true);
      for (let j = 0; j < side.checks.length; j++) dv.setUint16(o + 2 * j, side.checks[j]!, true);
      o += pad4(side.checks.length * 2);
    }
  }
  return out;
}

export function decodeMarkers(bytes: Uint8Array, where = MARKERS_FILE): PairMarkerTable[] {
  const bad = (why: string): GlossaError => new GlossaError('MODEL_INCOMPATIBLE', `${where}: ${why}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < MARKERS_HEADER || dv.getUint32(0, true) !== MARKERS_MAGIC) throw bad('not a Glossa markers file (bad magic)');
  const version = dv.getUint32(4, true);
  if (version !== MARKERS_FORMAT) throw bad(`markers format version ${version}, but this Glossa reads markers format version ${MARKERS_FORMAT}`);
  const jsonBytes = dv.getUint32(8, true);
  if (MARKERS_HEADER + jsonBytes > bytes.byteLength) throw bad('truncated header');
  let header: MarkersHeader;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + MARKERS_HEADER, jsonBytes).toString('utf8')) as MarkersHeader;
  } catch (e) {
    throw bad(`invalid header (${(e as Error).message})`);
  }
  const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  const valid = (p: unknown): boolean => {
    const r = p as { pair?: unknown; evidence?: unknown; counts?: unknown } | null;
    return Array.isArray(r?.pair) && r.pair.length === 2 && r.pair.every((l) => typeof l === 'string') &&
      typeof r.evidence === 'number' && Number.isFinite(r.evidence) && r.evidence >= 0 &&
      Array.isArray(r.counts) && r.counts.length === 2 && r.counts.every(count);
  };
  if (!Array.isArray(header.pairs) || !header.pairs.every(valid)) throw bad('invalid header: expected {"pairs": [{"pair": [a, b], "evidence": nats, "counts": [n, m]}]}');
  let o = MARKERS_HEADER + Math.ceil(jsonBytes / 4) * 4;
  const side = (n: number): MarkerSide => {
    const end = o + n * 4 + Math.ceil((n * 2) / 4) * 4;
    if (end > bytes.byteLength) throw bad('truncated');
    const keys = new Uint32Array(n);
    const checks = new Uint16Array(n);
    for (let j = 0; j < n; j++) keys[j] = dv.getUint32(o + 4 * j, true);
    for (let j = 0; j < n; j++) checks[j] = dv.getUint16(o + 4 * n + 2 * j, true);
    o = end;
    return { keys, checks };
  };
  const out = header.pairs.map((p) => ({ pair: p.pair, evidence: p.evidence, sides: [side(p.counts[0]), side(p.counts[1])] as const }));
  if (o !== bytes.byteLength) throw bad(`expected ${o} bytes, found ${bytes.byteLength}`);
  return out;
}

async function readMarkers(path: string): Promise<PairMarkerTable[]> {
  if (!existsSync(path)) throw new GlossaError('MODEL_INCOMPATIBLE', `${path}: missing (a format 3 model has one)`);
  return decodeMarkers(await readFile(path), path);
}

export async function writeArtifact(dir: string, parts: ModelParts, manifest: Manifest): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, WEIGHTS_FILE), encodeWeights(parts));
  if (manifest.formatVersion >= 3) await writeFile(join(dir, MARKERS_FILE), encodeMarkers(parts.markers ?? []));
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
