import {
  createBindTempAuthKeyRequest,
  verifyBindTempAuthKeyRequest,
  type BindTempAuthKeyParameters,
} from '../../src/auth/bind-temp-auth-key';
import { aesIgeDecrypt } from '../../src/crypto/aes-ige';
import { sha1 } from '../../src/crypto/hashes';
import { computeAuthKeyId } from '../../src/crypto/key-exchange-kdf';
import { deriveMessageAesKeyV1 } from '../../src/crypto/message-encryption-v1';
import { createSeededRandomSource } from '../../src/crypto/random-source';
import { SecurityError } from '../../src/errors/security-error';
import type { AuthBindTempAuthKeyRequest } from '../../src/tl/generated/api-types';
import { encodeApi } from '../../src/tl/tl-codec';
import { toHex } from '../crypto/sample-vectors';

const random = createSeededRandomSource('bind');
const permanentAuthKey = random(256);
const temporaryAuthKey = random(256);
const temporaryAuthKeyId = computeAuthKeyId(temporaryAuthKey);
const messageId = 0x6553f10000000004n;
const parameters: BindTempAuthKeyParameters = {
  permanentAuthKey,
  temporaryAuthKeyId,
  temporarySessionId: -0x1234567890abcdefn,
  expiresAt: 1_700_086_400,
  messageId,
  nonce: 0x0102030405060708n,
};

function verify(
  request: AuthBindTempAuthKeyRequest,
  changes: Partial<Parameters<typeof verifyBindTempAuthKeyRequest>[0]> = {},
) {
  return verifyBindTempAuthKeyRequest({
    request,
    messageId,
    temporaryAuthKeyId,
    temporarySessionId: parameters.temporarySessionId,
    permanentAuthKey,
    now: 1_700_000_000,
    ...changes,
  });
}

function expectRejected(action: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(SecurityError.isInstance(thrown)).toBe(true);
  expect((thrown as Error).message).toMatch(message);
}

describe('auth.bindTempAuthKey encrypted_message', () => {
  const request = createBindTempAuthKeyRequest(parameters, createSeededRandomSource('bind/request'));

  it('fills the request from the binding', () => {
    expect(request._).toBe('auth.bindTempAuthKey');
    expect(request.nonce).toBe(parameters.nonce);
    expect(request.expires_at).toBe(parameters.expiresAt);
    const permanentId = new DataView(computeAuthKeyId(permanentAuthKey).buffer).getBigInt64(0, true);
    expect(request.perm_auth_key_id).toBe(permanentId);
    // perm_auth_key_id (8) + msg_key (16) + 72 bytes of plaintext padded to 80.
    expect(request.encrypted_message).toHaveLength(104);
    expect(toHex(request.encrypted_message.subarray(0, 8))).toBe(toHex(computeAuthKeyId(permanentAuthKey)));
  });

  it('is the MTProto 1.0 encryption the pfs page describes', () => {
    const msgKey = request.encrypted_message.subarray(8, 24);
    const { key, iv } = deriveMessageAesKeyV1(permanentAuthKey, msgKey, 'client');
    const padded = aesIgeDecrypt(request.encrypted_message.subarray(24), key, iv);
    const view = new DataView(padded.buffer);
    expect(view.getBigInt64(16, true)).toBe(messageId);
    expect(view.getInt32(24, true)).toBe(0);
    expect(view.getInt32(28, true)).toBe(40);
    expect(view.getUint32(32, true)).toBe(0x75a3f765);
    // msg_key is over the 72 bytes before padding, not the padded 80.
    expect(toHex(sha1(padded.subarray(0, 72)).subarray(4, 20))).toBe(toHex(msgKey));
  });

  it('round trips: the server reads back the binding', () => {
    const inner = verify(request);
    expect(inner).toEqual({
      _: 'bind_auth_key_inner',
      nonce: parameters.nonce,
      temp_auth_key_id: new DataView(temporaryAuthKeyId.buffer).getBigInt64(0, true),
      perm_auth_key_id: request.perm_auth_key_id,
      temp_session_id: parameters.temporarySessionId,
      expires_at: parameters.expiresAt,
    });
  });

  it('encodes as auth.bindTempAuthKey with encrypted_message as its last field', () => {
    const bytes = encodeApi(request);
    expect(toHex(bytes.subarray(0, 4))).toBe('052AD4CD');
    // bytes field: 1-byte length 104, the data, 3 bytes of zero padding.
    expect(bytes[4 + 8 + 8 + 4]).toBe(104);
    expect(toHex(bytes.subarray(25, 25 + 104))).toBe(toHex(request.encrypted_message));
  });

  it('draws a random nonce when none is given', () => {
    const { nonce: _nonce, ...withoutNonce } = parameters;
    const first = createBindTempAuthKeyRequest(withoutNonce, createSeededRandomSource('n1'));
    const second = createBindTempAuthKeyRequest(withoutNonce, createSeededRandomSource('n2'));
    expect(first.nonce).not.toBe(second.nonce);
    expect(verify(first).nonce).toBe(first.nonce);
  });

  it('rejects a flipped byte anywhere in the ciphertext or msg_key', () => {
    for (const index of [10, 30, 60, 100]) {
      const tampered = { ...request, encrypted_message: request.encrypted_message.slice() };
      tampered.encrypted_message[index]! ^= 0x40;
      expectRejected(() => verify(tampered), /msg_key does not match|msg_len/);
    }
  });

  it('rejects a request whose fields disagree with the encrypted binding', () => {
    expectRejected(() => verify({ ...request, nonce: 1n }), /does not match on nonce/);
    expectRejected(() => verify({ ...request, expires_at: 1 }), /does not match on expires_at/);
  });

  it('rejects another msg_id, temporary key, session or permanent key', () => {
    expectRejected(() => verify(request, { messageId: messageId + 4n }), /not the request msg_id/);
    expectRejected(
      () => verify(request, { temporaryAuthKeyId: computeAuthKeyId(permanentAuthKey) }),
      /temp_auth_key_id/,
    );
    expectRejected(() => verify(request, { temporarySessionId: 1n }), /temp_session_id/);
    expectRejected(() => verify(request, { permanentAuthKey: temporaryAuthKey }), /not perm_auth_key_id/);
    expectRejected(
      () => verify({ ...request, perm_auth_key_id: request.perm_auth_key_id + 1n }),
      /not perm_auth_key_id/,
    );
  });

  it('rejects an expired binding and a cut message', () => {
    expectRejected(() => verify(request, { now: parameters.expiresAt }), /expired/);
    const cut = { ...request, encrypted_message: request.encrypted_message.subarray(0, 60) };
    expectRejected(() => verify(cut), /bad length/);
  });

  it('rejects an encrypted_message under another key id', () => {
    const moved = { ...request, encrypted_message: request.encrypted_message.slice() };
    moved.encrypted_message.set(temporaryAuthKeyId);
    expectRejected(() => verify(moved), /not under the permanent key/);
  });
});
