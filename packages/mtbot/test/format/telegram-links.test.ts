import { emojiIdOfLink, positiveInt64, userIdOfLink } from '../../src/format/telegram-links';

describe('tg:// links', () => {
  it('reads user ids the way Telegram does', () => {
    expect(userIdOfLink('tg://user?id=123456789')).toBe(123456789n);
    expect(userIdOfLink('TG://USER?ID=42')).toBe(42n);
    expect(userIdOfLink('tg:user?id=42')).toBe(42n);
    expect(userIdOfLink('tg://user/?id=42')).toBe(42n);
    expect(userIdOfLink('tg://user?x=1&id=42&y=2#top')).toBe(42n);
    expect(userIdOfLink('tg://user?id=9223372036854775807')).toBe(9223372036854775807n);
  });

  it('refuses what is not a user link with a valid id', () => {
    for (const url of [
      'https://t.me/user?id=42',
      'tg://users?id=42',
      'tg://user',
      'tg://user?id=',
      'tg://user?id=0',
      'tg://user?id=-5',
      'tg://user?id=12a',
      'tg://user?id=9223372036854775808',
      'tg://user?x=1#id=42',
      'tg://emoji?id=42',
    ]) {
      expect({ url, id: userIdOfLink(url) }).toEqual({ url, id: undefined });
    }
  });

  it('reads custom emoji ids', () => {
    expect(emojiIdOfLink('tg://emoji?id=5368324170671202286')).toBe(5368324170671202286n);
    expect(emojiIdOfLink('tg://user?id=5')).toBeUndefined();
    expect(positiveInt64('007')).toBe(7n);
    expect(positiveInt64('')).toBeUndefined();
  });
});
