import {
  decodePlainMessage,
  encodePlainMessage,
  isPlainMessage,
  PLAIN_MESSAGE_HEADER_LENGTH,
} from '../../src/auth/plain-message';
import { SecurityError } from '../../src/errors/security-error';
import { hex, toHex } from '../crypto/sample-vectors';

describe('unencrypted message envelope', () => {
  // The first message of core.telegram.org/mtproto/samples-auth_key: req_pq with its msg_id.
  const sampleRequest = hex(
    '0000000000000000 4A967027C47AE551 14000000 78974660 3E0549828CCA27E966B301A48FECE2FC',
  );

  it('encodes the published req_pq message byte for byte', () => {
    const data = sampleRequest.subarray(PLAIN_MESSAGE_HEADER_LENGTH);
    expect(toHex(encodePlainMessage(0x51e57ac42770964an, data))).toBe(toHex(sampleRequest));
  });

  it('decodes it back', () => {
    const message = decodePlainMessage(sampleRequest);
    expect(message.messageId).toBe(0x51e57ac42770964an);
    expect(toHex(message.data)).toBe('789746603E0549828CCA27E966B301A48FECE2FC');
    expect(isPlainMessage(sampleRequest)).toBe(true);
  });

  it('ignores transport padding after message_data_length', () => {
    const padded = new Uint8Array(sampleRequest.length + 15);
    padded.set(sampleRequest);
    padded.fill(0xaa, sampleRequest.length);
    expect(toHex(decodePlainMessage(padded).data)).toBe('789746603E0549828CCA27E966B301A48FECE2FC');
  });

  it('keeps message ids with the top bit set exact', () => {
    const data = Uint8Array.of(1, 2, 3, 4);
    expect(decodePlainMessage(encodePlainMessage(-5n, data)).messageId).toBe(-5n);
  });

  it('rejects a length past the end, a negative length, a short frame and a non-zero auth_key_id', () => {
    const tooLong = sampleRequest.slice();
    tooLong[16] = 21;
    expect(() => decodePlainMessage(tooLong)).toThrow(SecurityError);
    expect(() => decodePlainMessage(tooLong)).toThrow(/does not fit/);
    const negative = sampleRequest.slice();
    negative.set([0xff, 0xff, 0xff, 0xff], 16);
    expect(() => decodePlainMessage(negative)).toThrow(SecurityError);
    expect(() => decodePlainMessage(sampleRequest.subarray(0, 19))).toThrow(/shorter than its header/);
    const keyed = sampleRequest.slice();
    keyed[3] = 1;
    expect(isPlainMessage(keyed)).toBe(false);
    expect(() => decodePlainMessage(keyed)).toThrow(/non-zero auth_key_id/);
  });

  it('accepts an empty message_data', () => {
    const empty = encodePlainMessage(4n, new Uint8Array(0));
    expect(empty).toHaveLength(PLAIN_MESSAGE_HEADER_LENGTH);
    expect(decodePlainMessage(empty).data).toHaveLength(0);
  });
});
