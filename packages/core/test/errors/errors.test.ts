import { MtbotError } from '../../src/errors/mtbot-error';
import { SecurityError } from '../../src/errors/security-error';
import { TlDecodeError } from '../../src/errors/tl-decode-error';

describe('error classes', () => {
  it('names the offset and constructor of a decode failure', () => {
    const error = new TlDecodeError('unexpected end of input', 12, 'message');
    expect(error.message).toBe('TL decode failed at offset 12 in message: unexpected end of input');
    expect(error.name).toBe('TlDecodeError');
    expect(error.offset).toBe(12);
    expect(error).toBeInstanceOf(MtbotError);
  });

  it('recognises its own kind through markers, not prototypes', () => {
    const decode = new TlDecodeError('bad', 0);
    const security = new SecurityError('msg_key mismatch', { cause: decode });
    expect(TlDecodeError.isInstance(decode)).toBe(true);
    expect(TlDecodeError.isInstance(security)).toBe(false);
    expect(SecurityError.isInstance(security)).toBe(true);
    expect(MtbotError.isInstance(security)).toBe(true);
    expect(MtbotError.isInstance(new Error('plain'))).toBe(false);
    expect(security.cause).toBe(decode);
    // A copy from a duplicate install carries the same global marker.
    const foreign = Object.assign(new Error('x'), { [Symbol.for('mtbot.error.SecurityError')]: true });
    expect(SecurityError.isInstance(foreign)).toBe(true);
  });
});
