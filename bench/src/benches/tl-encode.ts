import { gramjsDecode, gramjsEncode } from '../anchors/gramjs-tl';
import { mtcuteDecode, mtcuteEncode } from '../anchors/mtcute-tl';
import type { BenchDefinition, BenchImplementation } from '../harness/bench-definition';
import { decodeApi, encodeApi } from '../ours/core';
import {
  assertRoundTrip,
  tlMessagesFixture,
  type GramjsMessages,
  type MtcuteMessages,
} from './tl-messages-fixture';

/**
 * `tl-encode`: encodes per second of the `messages.messages` that `tl-decode` reads. Each library
 * encodes the object its own decoder produced from the payload, and must give back exactly the
 * payload's bytes (so every one of them writes the same ~21 KB).
 */
export const tlEncodeBench: BenchDefinition = {
  name: 'tl-encode',
  unit: 'ops/s',
  implementations: () => {
    const fixture = tlMessagesFixture();
    const mtbotObject = decodeApi(fixture.layer227Bytes);
    const mtcuteObject = mtcuteDecode<MtcuteMessages>(fixture.layer227Bytes);
    const gramjsObject = gramjsDecode(fixture.layer198Bytes) as GramjsMessages;
    const checks: Array<{ implementation: BenchImplementation; input: Uint8Array }> = [
      {
        implementation: { impl: 'mtbot', role: 'ours', operation: () => encodeApi(mtbotObject) },
        input: fixture.layer227Bytes,
      },
      {
        implementation: { impl: 'mtcute', role: 'anchor', operation: () => mtcuteEncode(mtcuteObject) },
        input: fixture.layer227Bytes,
      },
      {
        implementation: { impl: 'gramjs', role: 'anchor', operation: () => gramjsEncode(gramjsObject) },
        input: fixture.layer198Bytes,
      },
    ];
    for (const { implementation, input } of checks) {
      assertRoundTrip(implementation.impl, input, implementation.operation(0) as Uint8Array);
    }
    return checks.map((check) => check.implementation);
  },
};
