/** Query parameters shared by several routes. */
import { GlossaError } from '../errors.js';

/** `?wait=MS`: absent → 0; an integer 0…maxMs, else BAD_REQUEST with the range. */
export function parseWait(raw: string | undefined, maxMs: number): number {
  if (raw === undefined) return 0;
  const ms = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(ms) || ms > maxMs) {
    throw new GlossaError('BAD_REQUEST', `wait must be an integer number of milliseconds from 0 to ${maxMs}`);
  }
  return ms;
}
