import type { Api } from 'telegram-mtproto-core';

/** Per-call options the file functions pass to the client. */
export interface FileCallOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * What file transfer needs from a client: `invoke` on the home DC and, for files kept on another DC
 * (`303 FILE_MIGRATE_X`), `invokeOnDc`. Core's `MtprotoClient` satisfies the first part; a bot client
 * that keeps connections to several DCs adds the second.
 */
export interface FileClient {
  invoke<R extends Api.TlMethod>(request: R, options?: FileCallOptions): Promise<Api.TlResult<R>>;
  /** The same call on DC `dcId` (authorized there, e.g. through auth.exportAuthorization). */
  invokeOnDc?<R extends Api.TlMethod>(
    dcId: number,
    request: R,
    options?: FileCallOptions,
  ): Promise<Api.TlResult<R>>;
}
