// The local DC of the updates benches, in a process of its own: a LocalDc on 127.0.0.1 with a few
// users. It prints its ready line on stdout, then for each command line ({"tag","count"}) makes its
// users write `count` messages to the bot as fast as it can and answers {"tag","sent"}. It exits when
// its stdin closes, so it never outlives the bench.
import { createInterface } from 'node:readline';
import { LocalDc } from 'mtbot-local-dc';
import {
  floodText,
  type UpdatesDcCommand,
  type UpdatesDcReady,
  type UpdatesDcSent,
} from './updates-protocol';

/** Messages sent per turn of the event loop, so pushes reach the socket while the flood goes on. */
const MESSAGES_PER_TURN = 200;
const USERS = 4;

async function main(): Promise<void> {
  // Telegram's flood limits are for bots' own sending; switched off so nothing throttles the flood.
  const dc = await LocalDc.start({ port: 0, floodLimits: false });
  const users = Array.from({ length: USERS }, (_, index) => dc.createUser({ firstName: `Sender ${index}` }));
  const botId = dc.defaultBot.id;
  const ready: UpdatesDcReady = {
    host: dc.info.host,
    port: dc.info.port,
    dcId: dc.info.dcId,
    publicKeyPem: dc.info.publicKeyPem,
    botToken: dc.info.botToken,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);

  const flood = async ({ tag, count }: UpdatesDcCommand): Promise<void> => {
    for (let sequence = 0; sequence < count; sequence++) {
      dc.sendUserMessage({
        fromUserId: users[sequence % USERS]!.id,
        toUserId: botId,
        text: floodText(tag, sequence),
      });
      if ((sequence + 1) % MESSAGES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const sent: UpdatesDcSent = { tag, sent: count };
    process.stdout.write(`${JSON.stringify(sent)}\n`);
  };
  for await (const line of createInterface({ input: process.stdin })) {
    await flood(JSON.parse(line) as UpdatesDcCommand);
  }
  await dc.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error('[bench] updates DC process failed:', error);
  process.exit(1);
});
