/**
 * Which DCs an emulator runs (core.telegram.org/api/datacenter): one, or several numbered 1..N as
 * Telegram's are, each a core MTProto server on a port of its own (see dc-servers.ts).
 */

/** The DC ids of an emulator with `dcCount` DCs whose main DC is `mainDcId`. */
export function dcIdsOf(mainDcId: number, dcCount = 1): number[] {
  if (!Number.isInteger(dcCount) || dcCount < 1 || dcCount > 5) {
    throw new RangeError(`dcCount must be an integer from 1 to 5, got ${dcCount}`);
  }
  if (dcCount === 1) return [mainDcId];
  // The main DC must be among 1..dcCount.
  if (!Number.isInteger(mainDcId) || mainDcId < 1 || mainDcId > dcCount) {
    throw new RangeError(`with dcCount ${dcCount}, dcId must be from 1 to ${dcCount}, got ${mainDcId}`);
  }
  return Array.from({ length: dcCount }, (_, index) => index + 1);
}
