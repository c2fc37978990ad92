import { LocalDc } from '../src/local-dc';

async function call(dc: LocalDc, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${dc.info.controlUrl}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('control API: groups and channels', () => {
  let dc: LocalDc;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
  });

  afterAll(() => dc.stop());

  it('creates a supergroup with an admin bot, writes, joins, leaves and reads the history', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    const bob = dc.createUser({ firstName: 'Bob' });
    const created = await call(dc, 'POST', '/groups', {
      type: 'supergroup',
      creatorId: alice.id.toString(),
      title: 'Team',
      admins: [{ userId: dc.defaultBot.id.toString(), rights: ['post_messages', 'ban_users'] }],
    });
    expect(created.status).toBe(201);
    const chat = created.json['chat'] as { id: string; type: string; accessHash: string; members: unknown[] };
    expect(chat).toMatchObject({ type: 'supergroup', title: 'Team' });
    expect(chat.members).toEqual([
      expect.objectContaining({ userId: alice.id.toString(), role: 'creator' }),
      expect.objectContaining({
        userId: dc.defaultBot.id.toString(),
        role: 'admin',
        adminRights: ['post_messages', 'ban_users'],
      }),
    ]);

    expect(
      (await call(dc, 'POST', '/groups/join', { chatId: chat.id, userId: bob.id.toString() })).status,
    ).toBe(200);
    const sent = await call(dc, 'POST', '/groups/messages', {
      fromUserId: bob.id.toString(),
      chatId: chat.id,
      text: 'hello',
    });
    expect(sent).toMatchObject({
      status: 201,
      json: { message: { id: 3, fromId: bob.id.toString(), text: 'hello' } },
    });
    expect(
      (await call(dc, 'POST', '/groups/leave', { chatId: chat.id, userId: bob.id.toString() })).status,
    ).toBe(200);

    const history = await call(dc, 'GET', `/groups/history?chatId=${chat.id}`);
    expect(
      (history.json['messages'] as { text: string; action?: { type: string } }[]).map(
        (message) => message.action?.type ?? message.text,
      ),
    ).toEqual(['channel-create', 'add-user', 'hello', 'delete-user']);
    // Bob is gone: writing again is refused with Telegram's error.
    expect(
      await call(dc, 'POST', '/groups/messages', {
        fromUserId: bob.id.toString(),
        chatId: chat.id,
        text: 'back?',
      }),
    ).toMatchObject({ status: 400, json: { error: 'CHANNEL_PRIVATE', code: 400 } });
  });

  it('rejects bad input', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    expect(
      await call(dc, 'POST', '/groups', { type: 'forum', creatorId: alice.id.toString(), title: 'x' }),
    ).toMatchObject({ status: 400 });
    expect(
      await call(dc, 'POST', '/groups', { creatorId: dc.defaultBot.id.toString(), title: 'by a bot' }),
    ).toMatchObject({ status: 400, json: { error: 'BOT_METHOD_INVALID' } });
    expect(
      await call(dc, 'POST', '/groups', {
        creatorId: alice.id.toString(),
        title: 'x',
        admins: [{ userId: '1', rights: ['fly'] }],
      }),
    ).toMatchObject({ status: 400 });
    expect((await call(dc, 'GET', '/groups/history?chatId=12345')).status).toBe(400);
  });
});
