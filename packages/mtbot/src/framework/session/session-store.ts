/**
 * Where session data lives between updates: memory by default; a file or Redis store implements the
 * same three calls. Values are whatever the session middleware stores (plain data).
 */
export interface SessionStore<T = unknown> {
  get(key: string): T | undefined | Promise<T | undefined>;
  set(key: string, value: T): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}
