import 'reflect-metadata';
import { BotChat, LocalDc } from 'mtbot-local-dc';
import { createBot } from '../../src/app/bot-application';
import { validateBotClientOptions } from '../../src/client/bot-client-options';
import { Command, Context, Controller, Ctx } from '../../src/framework';
import { localDcClientOptions } from '../../src/service/local-dc-client-options';

@Controller()
class Greeter {
  @Command('start')
  start(@Ctx() ctx: Context) {
    return ctx.reply('hello from the local DC');
  }
}

describe('localDcClientOptions', () => {
  const info = {
    host: '127.0.0.1',
    port: 4000,
    dcId: 2,
    publicKeyPem: '-----BEGIN RSA PUBLIC KEY-----\nx\n',
    botToken: '1:abc',
  };

  it('points at the DC with placeholder api credentials that pass validation; overrides win', () => {
    const options = localDcClientOptions(info);
    expect(options).toMatchObject({
      botToken: '1:abc',
      dc: { host: '127.0.0.1', port: 4000, dcId: 2, publicKeyPem: info.publicKeyPem },
    });
    expect(() => validateBotClientOptions(options)).not.toThrow();
    expect(localDcClientOptions(info, { botToken: '2:def', storage: 'bot.json' })).toMatchObject({
      botToken: '2:def',
      storage: 'bot.json',
    });
  });

  it("connects createBot to a running local DC's bot", async () => {
    const dc = await LocalDc.start({ port: 0 });
    const bot = createBot({ controllers: [Greeter], client: localDcClientOptions(dc.info) });
    try {
      await bot.start();
      const replies = await BotChat.open(dc).send('/start');
      expect(replies.map((message) => message.text)).toEqual(['hello from the local DC']);
    } finally {
      await bot.stop();
      await dc.stop();
    }
  });
});
