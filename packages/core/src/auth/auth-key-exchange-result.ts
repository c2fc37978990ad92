/**
 * What a completed auth key exchange (core.telegram.org/mtproto/auth_key) leaves both sides with.
 */

/** How p_q_inner_data was RSA-encrypted in req_DH_params. */
export type RsaEncryptionScheme = 'rsa-pad' | 'legacy';

/** The outcome of a successful exchange; the client and the server get equal values. */
export interface AuthKeyExchangeResult {
  /** The 2048-bit auth key, 256 big-endian bytes. Secret: never log it. */
  readonly authKey: Uint8Array;
  /** auth_key_id as its 8 wire bytes (the lower 64 bits of SHA1(auth_key)). */
  readonly authKeyId: Uint8Array;
  /** The first server_salt as its 8 wire bytes: new_nonce[0..8] XOR server_nonce[0..8]. */
  readonly serverSalt: Uint8Array;
  /** server_time of server_DH_inner_data, unix seconds by the server's clock. */
  readonly serverTime: number;
  /**
   * Seconds to add to the local clock to get the server's (server_time minus the local time when the
   * answer was read). Always 0 on the server side.
   */
  readonly timeOffset: number;
  /** True for a temporary key (p_q_inner_data_temp_dc), to be bound with auth.bindTempAuthKey. */
  readonly temporary: boolean;
  /** For a temporary key, when it expires: server_time + expires_in, unix seconds (server clock). */
  readonly expiresAt: number | undefined;
  /** The dc the key was made for, as p_q_inner_data_dc named it; undefined for the plain form. */
  readonly dcId: number | undefined;
}
