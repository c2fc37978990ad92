import { ConfigError } from 'telegram-mtproto-core';
import { chatKindOfId, parseChatId } from '../../src/rate-limit/chat-kind';

describe('chatKindOfId', () => {
  it.each([
    [123456789n, 'private'],
    [42, 'private'],
    ['-987', 'group'],
    [-999_999_999_999n, 'group'],
    [-1_001_234_567_890n, 'supergroup'],
    ['-1001234567890', 'supergroup'],
  ] as const)('reads %s as %s', (id, kind) => {
    expect(chatKindOfId(id)).toBe(kind);
  });

  it('refuses 0 and ids that are no integers', () => {
    expect(() => chatKindOfId(0)).toThrow(ConfigError);
    expect(() => chatKindOfId('@channel')).toThrow(/not an integer/);
    expect(() => parseChatId(1.5)).toThrow(ConfigError);
    expect(() => parseChatId('12e3')).toThrow(ConfigError);
  });
});
