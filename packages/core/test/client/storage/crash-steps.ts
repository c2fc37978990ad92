// Shared by the crash test and the child process it kills (storage-child-process.ts).
import { defineStorageKey, readString } from '../../../src/client/storage/storage-key';

/**
 * Where in one FileStorage write the child dies: in the middle of writing the temporary file, after
 * writing it in full but before fsync, after fsync (before the rename), after the rename (before the
 * directory fsync), after the directory fsync (before the write is reported done).
 */
export const CRASH_STEPS = [
  'temp-partly-written',
  'temp-written-not-synced',
  'temp-synced',
  'renamed',
  'directory-synced',
] as const;

export type CrashStep = (typeof CRASH_STEPS)[number];

/** A bulky entry written with each value, so a write cut in the middle really leaves half a file. */
export const fillerKey = defineStorageKey<string>('test.filler', {
  encode: (value) => value,
  decode: (json) => readString(json, 'filler'),
});

/** The filler stored together with `value`. */
export function fillerFor(value: number): string {
  return `${value}:`.repeat(20_000);
}
