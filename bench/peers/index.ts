/**
 * The peers a user would pick instead of Glossa, in the order the result tables show them.
 * Each factory is cheap; the library itself is loaded by `init()`.
 */
import { createCld2 } from './cld2.js';
import { createCld3 } from './cld3.js';
import { createEld } from './eld.js';
import { createFastText } from './fasttext.js';
import { createFranc } from './franc.js';
import { createTinyld } from './tinyld.js';
import type { Detector } from './types.js';

export const PEER_FACTORIES: readonly (() => Detector)[] = [
  createCld2, createFastText, createEld, createCld3, createFranc, createTinyld,
];

/**
 * Creates and initialises every peer. A peer that fails to load (e.g. the native CLD2 binding was
 * not built) is reported and left out rather than sinking the whole run.
 */
export async function loadPeers(log: (line: string) => void, leaveOut: (name: string) => boolean = () => false): Promise<Detector[]> {
  const peers: Detector[] = [];
  for (const create of PEER_FACTORIES) {
    const peer = create();
    if (leaveOut(peer.name)) {
      log(`${peer.name}: left out on request`);
      continue;
    }
    try {
      await peer.init();
      peers.push(peer);
    } catch (error) {
      log(`skipping ${peer.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return peers;
}
