import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, rpcErrorOf } from './local-dc-harness';

describe('the local DC answers bad calls with Telegram’s errors and keeps serving', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  const unsupported: string[] = [];
  const clients: MtprotoClient[] = [];
  const client = (): MtprotoClient => {
    const created = createClient(dc);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, log: (line) => unsupported.push(line) });
    alice = dc.createUser({ firstName: 'Alice' });
  });

  afterAll(async () => {
    await Promise.all(clients.map((each) => each.close()));
    await dc.stop();
  });

  it('describes itself before login: help.getConfig and help.getNearestDc', async () => {
    const anonymous = client();
    const config = (await anonymous.invoke({ _: 'help.getConfig' })) as Api.Config;
    expect(config).toMatchObject({ this_dc: dc.info.dcId, message_length_max: 4096, test_mode: false });
    expect(config.dc_options).toEqual([
      expect.objectContaining({ id: dc.info.dcId, ip_address: dc.info.host, port: dc.info.port }),
    ]);
    const nearest = await anonymous.invoke({ _: 'help.getNearestDc' });
    expect(nearest).toMatchObject({ this_dc: dc.info.dcId, nearest_dc: dc.info.dcId });
  });

  it('refuses calls before login with 401 AUTH_KEY_UNREGISTERED', async () => {
    const anonymous = client();
    await expect(anonymous.invoke({ _: 'updates.getState' })).rejects.toEqual(
      rpcErrorOf('AUTH_KEY_UNREGISTERED', 401),
    );
    await expect(anonymous.invoke({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] })).rejects.toEqual(
      rpcErrorOf('AUTH_KEY_UNREGISTERED', 401),
    );
  });

  it('refuses a bad bot token with ACCESS_TOKEN_INVALID and api_id 0 with API_ID_INVALID', async () => {
    const anonymous = client();
    const [id] = dc.info.botToken.split(':');
    for (const token of ['', 'nonsense', `${id}:wrong-secret`, `999:${dc.info.botToken.split(':')[1]}`]) {
      await expect(loginBot(anonymous, token)).rejects.toEqual(rpcErrorOf('ACCESS_TOKEN_INVALID', 400));
    }
    await expect(
      anonymous.invoke({
        _: 'auth.importBotAuthorization',
        flags: 0,
        api_id: 0,
        api_hash: '',
        bot_auth_token: dc.info.botToken,
      }),
    ).rejects.toEqual(rpcErrorOf('API_ID_INVALID', 400));
    // Still not logged in after the failures.
    await expect(anonymous.invoke({ _: 'updates.getState' })).rejects.toEqual(
      rpcErrorOf('AUTH_KEY_UNREGISTERED', 401),
    );
  });

  it('checks messages.sendMessage and editMessage input', async () => {
    const bot = client();
    await loginBot(bot, dc.info.botToken);
    const peer: Api.InputPeerUser = { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash };
    let randomId = 7n;
    const send = (overrides: Partial<Api.MessagesSendMessageRequest>) =>
      bot.invoke({ _: 'messages.sendMessage', peer, message: 'hi', random_id: randomId++, ...overrides });

    await expect(send({ message: '' })).rejects.toEqual(rpcErrorOf('MESSAGE_EMPTY', 400));
    await expect(send({ message: '   ' })).rejects.toEqual(rpcErrorOf('MESSAGE_EMPTY', 400));
    await expect(send({ message: 'x'.repeat(4097) })).rejects.toEqual(rpcErrorOf('MESSAGE_TOO_LONG', 400));
    await expect(send({ message: 'x'.repeat(4096) })).resolves.toMatchObject({ _: 'updateShortSentMessage' });
    await expect(send({ peer: { ...peer, access_hash: alice.accessHash + 1n } })).rejects.toEqual(
      rpcErrorOf('PEER_ID_INVALID', 400),
    );
    await expect(send({ peer: { _: 'inputPeerUser', user_id: 123n, access_hash: 0n } })).rejects.toEqual(
      rpcErrorOf('PEER_ID_INVALID', 400),
    );
    await expect(send({ peer: { _: 'inputPeerChat', chat_id: 1n } })).rejects.toEqual(
      rpcErrorOf('PEER_ID_INVALID', 400),
    );
    await expect(send({ peer: { _: 'inputPeerSelf' } })).rejects.toEqual(rpcErrorOf('PEER_ID_INVALID', 400));

    const edit = (id: number, message: string) =>
      bot.invoke({ _: 'messages.editMessage', peer, id, message });
    await expect(edit(999, 'new')).rejects.toEqual(rpcErrorOf('MESSAGE_ID_INVALID', 400));
    const mine = (await send({ message: 'original' })) as Api.UpdateShortSentMessage;
    await expect(edit(mine.id, 'original')).rejects.toEqual(rpcErrorOf('MESSAGE_NOT_MODIFIED', 400));
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'from alice' });
    const theirs = dc.world.box(dc.defaultBot.id).peekNextMessageId() - 1;
    await expect(edit(theirs, 'hijacked')).rejects.toEqual(rpcErrorOf('MESSAGE_AUTHOR_REQUIRED', 403));
  });

  it('answers a method it does not implement with 400 METHOD_INVALID and keeps serving', async () => {
    const bot = client();
    await loginBot(bot, dc.info.botToken);
    await expect(bot.invoke({ _: 'messages.getDialogFilters' })).rejects.toEqual(
      rpcErrorOf('METHOD_INVALID', 400),
    );
    expect(unsupported.some((line) => line.includes('messages.getDialogFilters'))).toBe(true);
    await expect(bot.invoke({ _: 'updates.getState' })).resolves.toMatchObject({ _: 'updates.state' });
  });

  it('answers methods only users may call with 400 BOT_METHOD_INVALID when a bot calls them', async () => {
    const bot = client();
    await loginBot(bot, dc.info.botToken);
    const peer: Api.TypeInputPeer = { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash };
    const calls: Array<() => Promise<unknown>> = [
      () => bot.invoke({ _: 'messages.getBotCallbackAnswer', peer, msg_id: 1 }),
      () =>
        bot.invoke({
          _: 'messages.getInlineBotResults',
          bot: { _: 'inputUserSelf' },
          peer,
          query: 'x',
          offset: '',
        }),
      () =>
        bot.invoke({
          _: 'messages.getHistory',
          peer,
          offset_id: 0,
          offset_date: 0,
          add_offset: 0,
          limit: 10,
          max_id: 0,
          min_id: 0,
          hash: 0n,
        }),
      () => bot.invoke({ _: 'contacts.getContacts', hash: 0n }),
    ];
    for (const call of calls) {
      await expect(call()).rejects.toEqual(rpcErrorOf('BOT_METHOD_INVALID', 400));
    }
    // Before login it is still AUTH_KEY_UNREGISTERED.
    await expect(client().invoke({ _: 'contacts.getContacts', hash: 0n })).rejects.toEqual(
      rpcErrorOf('AUTH_KEY_UNREGISTERED', 401),
    );
  });
});
