import type { ParseResult } from './env-variable';

/**
 * How to reach a local DC (mtbot-local-dc) instead of Telegram, from `LOCAL_DC_URL`: its control
 * API URL (the client asks it for the address and public key), or the MTProto `host:port` directly,
 * which then needs the server's public key from `LOCAL_DC_KEY`.
 */
export type LocalDcAddress =
  | { readonly kind: 'control'; readonly controlUrl: string }
  | { readonly kind: 'direct'; readonly host: string; readonly port: number };

/** A {@link LocalDcAddress} completed with the key when the direct form is used. */
export type LocalDcConfig =
  | { readonly kind: 'control'; readonly controlUrl: string }
  | { readonly kind: 'direct'; readonly host: string; readonly port: number; readonly publicKey: string };

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** Parses `http(s)://host:port/...` or `host:port` (IPv6 hosts in brackets). */
export function parseLocalDcAddress(text: string): ParseResult<LocalDcAddress> {
  if (text.startsWith('http://') || text.startsWith('https://')) {
    try {
      new URL(text);
    } catch {
      return { ok: false, problem: 'is not a valid URL' };
    }
    return { ok: true, value: { kind: 'control', controlUrl: text } };
  }
  const match = HOST_PORT.exec(text);
  if (match === null) return { ok: false, problem: 'is neither a URL nor host:port' };
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return { ok: false, problem: 'has a port outside 1..65535' };
  const host = match[1]!.replace(/^\[|\]$/g, '');
  return { ok: true, value: { kind: 'direct', host, port } };
}
