import { gramjsDecode } from '../anchors/gramjs-tl';
import { mtcuteDecode } from '../anchors/mtcute-tl';
import type { BenchDefinition, BenchImplementation } from '../harness/bench-definition';
import { decodeApi } from '../ours/core';
import { assertMessageCounts, tlMessagesFixture, type MtcuteMessages } from './tl-messages-fixture';

/**
 * `tl-decode`: decodes per second of a ~21 KB `messages.messages` (100 messages with text,
 * entities and replies, 100 users, one group). mtcute and ours decode the same layer-227 bytes;
 * GramJS decodes the same content at its layer 198. Each must find 100 messages and 100 users.
 */
export const tlDecodeBench: BenchDefinition = {
  name: 'tl-decode',
  unit: 'ops/s',
  implementations: () => {
    const fixture = tlMessagesFixture();
    const implementations: BenchImplementation[] = [
      { impl: 'mtbot', role: 'ours', operation: () => decodeApi(fixture.layer227Bytes) },
      {
        impl: 'mtcute',
        role: 'anchor',
        operation: () => mtcuteDecode<MtcuteMessages>(fixture.layer227Bytes),
      },
      {
        impl: 'gramjs',
        role: 'anchor',
        operation: () => gramjsDecode(fixture.layer198Bytes),
      },
    ];
    for (const implementation of implementations) {
      assertMessageCounts(implementation.impl, implementation.operation(0));
    }
    return implementations;
  },
};
