// The README's in-process example, run as written (imports through the package names).
import { LocalDc } from '../src/index';
import { MtprotoClient, parseRsaPublicKeyPem, decodeApi, type Api } from 'telegram-mtproto-core';

it('runs the README example: a bot echoes a user’s message', async () => {
  const dc = await LocalDc.start({ port: 0 });
  const alice = dc.createUser({ firstName: 'Alice' });

  const bot = new MtprotoClient({
    host: dc.info.host,
    port: dc.info.port,
    dcId: dc.info.dcId,
    transports: [{ kind: 'tcp', framing: 'intermediate' }],
    publicKeys: [parseRsaPublicKeyPem(dc.info.publicKeyPem)],
  });
  const replies: Promise<unknown>[] = [];
  bot.on('update', (body) => {
    const update = decodeApi(body) as Api.TypeUpdates;
    if (update._ !== 'updateShortMessage') return;
    const peer = { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash } as const;
    replies.push(
      bot.invoke({ _: 'messages.sendMessage', peer, message: `you said: ${update.message}`, random_id: 1n }),
    );
  });
  await bot.invoke({
    _: 'auth.importBotAuthorization',
    flags: 0,
    api_id: 1,
    api_hash: 'local',
    bot_auth_token: dc.info.botToken,
  });

  dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hello' });
  const reply = await dc.waitForBotMessage({ userId: alice.id, botId: dc.defaultBot.id, timeoutMs: 5000 });
  expect(reply.text).toBe('you said: hello');

  await Promise.all(replies); // the bot's own call gets its answer before it closes
  await bot.close();
  await dc.stop();
});
