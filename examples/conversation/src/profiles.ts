import { join } from 'node:path';
import { FileKeyValueStore, JsonSessionStore } from 'mtbot';

/** What the wizard collects. */
export interface Profile {
  readonly name: string;
  readonly age: number;
}

/**
 * Where the example keeps its files: DATA_DIR, default `.data` in the working directory. Both the
 * dialogs in progress and the finished profiles live there, so a restarted bot finds them.
 */
export function dataDirectory(): string {
  return process.env['DATA_DIR'] ?? '.data';
}

/** The saved profiles, one JSON file a user. */
export class Profiles {
  private readonly store = new JsonSessionStore<Profile>(
    new FileKeyValueStore(join(dataDirectory(), 'profiles')),
    {
      prefix: 'profile:',
    },
  );

  get(userId: bigint): Promise<Profile | undefined> {
    return this.store.get(String(userId));
  }

  save(userId: bigint, profile: Profile): Promise<void> {
    return this.store.set(String(userId), profile);
  }
}
