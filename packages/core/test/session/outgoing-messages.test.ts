import { decodeContainer, MAX_CONTAINER_MESSAGES } from '../../src/session/message-container';
import { MessageIdGenerator } from '../../src/session/message-id-generator';
import { OutgoingMessages, createOutgoingEntry } from '../../src/session/outgoing-messages';
import { SequenceNumbers } from '../../src/session/sequence-numbers';
import { ServiceMessageId } from '../../src/session/service-message-ids';
import { encodeApi } from '../../src/tl/tl-codec';
import { constructorOf } from './session-test-pair';

function createOutgoing(): OutgoingMessages {
  return new OutgoingMessages(
    new MessageIdGenerator(() => 1_700_000_000_000),
    new SequenceNumbers(),
    'client',
  );
}

const request = encodeApi({ _: 'help.getConfig' });

describe('OutgoingMessages', () => {
  it('splits 2,500 queued messages into containers of at most 1,020', () => {
    const outgoing = createOutgoing();
    for (let index = 0; index < 2500; index++) outgoing.enqueue(createOutgoingEntry(request, 'client'));
    const packed = outgoing.pack(0, []);
    expect(packed.map((message) => decodeContainer(message.body).length)).toEqual([
      MAX_CONTAINER_MESSAGES,
      MAX_CONTAINER_MESSAGES,
      2500 - 2 * MAX_CONTAINER_MESSAGES,
    ]);
    const ids = packed.flatMap((message) => decodeContainer(message.body).map((inner) => inner.messageId));
    expect(new Set(ids).size).toBe(2500);
    const seqNos = packed.flatMap((message) => decodeContainer(message.body).map((inner) => inner.seqNo));
    expect(seqNos.slice(0, 3)).toEqual([1, 3, 5]);
  });

  it('sends a body too large for a container alone, and the rest around it in containers', () => {
    const outgoing = createOutgoing();
    const huge = new Uint8Array(1024 * 1024 + 16);
    huge.set(request);
    outgoing.enqueue(createOutgoingEntry(request, 'client'));
    outgoing.enqueue(createOutgoingEntry(huge, 'client'));
    outgoing.enqueue(createOutgoingEntry(request, 'client'));
    outgoing.enqueue(createOutgoingEntry(request, 'client'));
    const packed = outgoing.pack(0, [5n]);
    expect(packed).toHaveLength(3);
    expect(constructorOf(packed[0]!.body)).toBe(ServiceMessageId.msgContainer);
    expect(decodeContainer(packed[0]!.body).map((inner) => constructorOf(inner.body))).toEqual([
      ServiceMessageId.msgsAck,
      constructorOf(request),
    ]);
    expect(packed[1]!.body).toBe(huge);
    expect(decodeContainer(packed[2]!.body)).toHaveLength(2);
  });

  it('keeps content-related messages until acknowledged and finds them through their container', () => {
    const outgoing = createOutgoing();
    const first = createOutgoingEntry(request, 'client');
    const second = createOutgoingEntry(request, 'client');
    outgoing.enqueue(first);
    outgoing.enqueue(second);
    const [container] = outgoing.pack(0, []);
    expect(outgoing.lookup(container!.messageId).entries).toEqual([first, second]);
    outgoing.acknowledge(first.messageId!);
    expect(outgoing.unacknowledged()).toEqual([second]);
    const oldId = second.messageId!;
    outgoing.requeue(second);
    const [alone] = outgoing.pack(1, []);
    expect(alone!.messageId).toBeGreaterThan(oldId);
    expect(outgoing.find(oldId)).toBeUndefined();
    expect(outgoing.find(alone!.messageId)).toBe(second);
  });
});
