// One key-value store for everything the bot keeps: user sessions, conversation state, subscribers and
// broadcast progress, each under its own key prefix. DATA_STORE picks it: files (the default), Redis
// (several processes or machines sharing the data), or memory (tests).
import {
  container,
  FileKeyValueStore,
  MemoryKeyValueStore,
  RedisKeyValueStore,
  type KeyValueStore,
} from 'mtbot';
import { Settings, type DataStoreSetting } from './settings';

/** A store for DATA_STORE's value. */
export function openKeyValueStore(setting: DataStoreSetting): KeyValueStore {
  switch (setting.kind) {
    case 'memory':
      return new MemoryKeyValueStore();
    case 'file':
      return new FileKeyValueStore(setting.directory);
    case 'redis':
      return new RedisKeyValueStore({ url: setting.url });
  }
}

/**
 * The bot's store. Middleware is built when the modules load, before runBot has read .env, so the
 * store behind it is opened on first use, from the settings by then validated.
 */
class ConfiguredStore implements KeyValueStore {
  private store: KeyValueStore | undefined;

  private get opened(): KeyValueStore {
    this.store ??= openKeyValueStore(container.resolve(Settings).values.DATA_STORE);
    return this.store;
  }

  get(key: string): Promise<string | undefined> {
    return this.opened.get(key);
  }

  set(key: string, value: string): Promise<void> {
    return this.opened.set(key, value);
  }

  delete(key: string): Promise<void> {
    return this.opened.delete(key);
  }
}

export const dataStore: KeyValueStore = new ConfiguredStore();
