import type { Api, ClientInvokeOptions, MtprotoClient } from 'telegram-mtproto-core';

/** Per-call options the file functions pass to the client: a timeout and an AbortSignal. */
export type FileCallOptions = ClientInvokeOptions;

/**
 * What file transfer needs from a client: `invoke` on the home DC (the signature of core's
 * `MtprotoClient.invoke`, so a client passes as is) and, for files kept on another DC
 * (`303 FILE_MIGRATE_X`), `invokeOnDc`, which a bot client holding connections to several DCs adds.
 */
export interface FileClient extends Pick<MtprotoClient, 'invoke'> {
  /** The same call on DC `dcId` (authorized there, e.g. through auth.exportAuthorization). */
  invokeOnDc?<R extends Api.TlMethod>(
    dcId: number,
    request: R,
    options?: FileCallOptions,
  ): Promise<Api.TlResult<R>>;
}
