import type { ParseResult } from './env-variable';

/** Where the bot keeps its session (auth keys, update state, peers), from `SESSION_STORE`. */
export type SessionStoreConfig =
  | { readonly kind: 'memory' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'redis'; readonly url: string };

/**
 * Parses `memory`, `file:<path>` or `redis://...` / `rediss://...`. The Redis URL may hold a
 * password, so problems are worded without repeating the value.
 */
export function parseSessionStore(text: string): ParseResult<SessionStoreConfig> {
  if (text === 'memory') return { ok: true, value: { kind: 'memory' } };
  if (text.startsWith('file:')) {
    const path = text.slice('file:'.length);
    return path === ''
      ? { ok: false, problem: 'has an empty file path' }
      : { ok: true, value: { kind: 'file', path } };
  }
  if (text.startsWith('redis://') || text.startsWith('rediss://')) {
    try {
      const url = new URL(text);
      if (url.hostname === '') return { ok: false, problem: 'has no Redis host' };
    } catch {
      return { ok: false, problem: 'is not a valid Redis URL' };
    }
    return { ok: true, value: { kind: 'redis', url: text } };
  }
  return { ok: false, problem: 'has an unknown kind' };
}
