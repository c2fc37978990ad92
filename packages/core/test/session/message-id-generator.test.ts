import { MessageIdGenerator, messageIdTime } from '../../src/session/message-id-generator';
import { SequenceNumbers } from '../../src/session/sequence-numbers';

describe('MessageIdGenerator', () => {
  it('encodes the unix time in the upper 32 bits and the sender in the remainder', () => {
    const generator = new MessageIdGenerator(() => 1_700_000_000_250);
    const id = generator.next('client');
    expect(messageIdTime(id)).toBe(1_700_000_000);
    expect(id % 4n).toBe(0n);
    expect(generator.next('server-response') % 4n).toBe(1n);
    expect(generator.next('server-initiated') % 4n).toBe(3n);
  });

  it('stays strictly increasing when the clock stands still or goes back', () => {
    let now = 1_700_000_000_000;
    const generator = new MessageIdGenerator(() => now);
    let previous = 0n;
    for (let i = 0; i < 1000; i++) {
      if (i === 500) now -= 5000;
      const id = generator.next();
      expect(id > previous).toBe(true);
      expect(id % 4n).toBe(0n);
      previous = id;
    }
  });

  it('corrects a skewed clock with the server time', () => {
    const local = 1_700_000_000_000;
    const generator = new MessageIdGenerator(() => local);
    generator.setServerTime(1_700_000_600);
    expect(generator.timeOffset).toBe(600);
    expect(messageIdTime(generator.next())).toBe(1_700_000_600);
    generator.syncWithMessageId(BigInt(1_699_999_400) << 32n);
    expect(generator.timeOffset).toBe(-600);
  });
});

describe('SequenceNumbers', () => {
  it('counts content-related messages as the spec says', () => {
    const seq = new SequenceNumbers();
    expect([seq.next(true), seq.next(false), seq.next(true), seq.next(true), seq.next(false)]).toEqual([
      1, 2, 3, 5, 6,
    ]);
    seq.reset();
    expect(seq.next(false)).toBe(0);
  });
});
