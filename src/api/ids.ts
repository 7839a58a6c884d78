/**
 * Prediction ids: UUID version 7 (RFC 9562) — 48 bits of Unix milliseconds, then random bits.
 * Time-ordered ids keep the primary-key index append-mostly (PostgreSQL B-tree, SQLite WITHOUT
 * ROWID), which matters at thousands of inserts per second; random v4 ids scatter the writes.
 */
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 16 * 256;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function random10(): Buffer {
  if (poolOffset + 10 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + 10);
  poolOffset += 10;
  return out;
}

export function uuidv7(nowMs: number = Date.now()): string {
  const b = Buffer.alloc(16);
  b.writeUIntBE(nowMs, 0, 6);
  random10().copy(b, 6);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f); // version 7
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f); // variant 10
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
