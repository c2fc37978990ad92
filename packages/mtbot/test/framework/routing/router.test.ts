import {
  HandlerError,
  MiddlewareError,
  RouteDefinitionError,
  Router,
  privateChatOnly,
  fromUsers,
  adminOnly,
  type Context,
} from '../../../src/framework';
import {
  callbackUpdate,
  chatMemberUpdate,
  editedMessageUpdate,
  inlineUpdate,
  messageUpdate,
  newLog,
} from '../fake-updates';

function replyWith(text: string) {
  return (ctx: Context) => ctx.reply(text);
}

describe('Router commands', () => {
  it('routes a command and its aliases by name and gives the args', async () => {
    const log = newLog();
    const router = new Router({ botUsername: 'My_Bot' });
    router.command(['help', 'h'], (ctx) => ctx.reply(`help:${ctx.args}`));
    router.command('start', (ctx) => ctx.reply(`start:${ctx.args}`));
    await router.handle(messageUpdate('/help', log));
    await router.handle(messageUpdate('/h me please', log));
    await router.handle(messageUpdate('/start ref_42', log));
    expect(log.calls).toEqual(['reply:help:', 'reply:help:me please', 'reply:start:ref_42']);
  });

  it('takes /cmd@ourbot (any case) and leaves /cmd@otherbot to the text routes', async () => {
    const log = newLog();
    const router = new Router({ botUsername: '@my_bot' });
    router.command('start', replyWith('start'));
    router.fallback(replyWith('fallback'));
    const ours = await router.handle(messageUpdate('/start@MY_BOT', log, { chatType: 'group' }));
    const theirs = await router.handle(messageUpdate('/start@other_bot', log, { chatType: 'group' }));
    expect(ours.route).toBe("router.command('start')");
    expect(theirs.route).toBe('router.fallback()');
    expect(log.calls).toEqual(['reply:start', 'reply:fallback']);
  });

  it('does not take an addressed command when the bot username is unknown', async () => {
    const log = newLog();
    const router = new Router();
    router.command('start', replyWith('start'));
    const ctx = await router.handle(messageUpdate('/start@my_bot', log));
    expect(ctx.route).toBeUndefined();
    router.botUsername = 'my_bot';
    expect((await router.handle(messageUpdate('/start@my_bot', log))).route).toBe("router.command('start')");
  });

  it('refuses a duplicate command, naming the first handler', () => {
    const router = new Router();
    router.command('start', replyWith('a'));
    expect(() => router.command(['go', 'start'], replyWith('b'))).toThrow(
      "router.command('go', 'start'): command /start is already handled by router.command('start')",
    );
  });

  it.each(['/start', '', 'has space', 'x'.repeat(33)])('refuses the command name %j', (name) => {
    expect(() => new Router().command(name, replyWith('a'))).toThrow(RouteDefinitionError);
  });
});

describe('Router text patterns and kinds', () => {
  it('matches a literal text before RegExps and gives RegExp captures', async () => {
    const log = newLog();
    const router = new Router();
    router.hears('hello there', replyWith('literal'));
    router.hears(/^hello (\w+)$/, (ctx) => ctx.reply(`regexp:${ctx.match?.[1]}`));
    await router.handle(messageUpdate('hello there', log));
    await router.handle(messageUpdate('hello world', log));
    expect(log.calls).toEqual(['reply:literal', 'reply:regexp:world']);
  });

  it('prefers a command, then a pattern, then a kind, then the fallback', async () => {
    const log = newLog();
    const router = new Router();
    router.command('start', replyWith('command'));
    router.hears(/start/, replyWith('pattern'));
    router.on('text', replyWith('kind'));
    router.fallback(replyWith('fallback'));
    await router.handle(messageUpdate('/start', log));
    await router.handle(messageUpdate('restart', log));
    await router.handle(messageUpdate('other', log));
    await router.handle(messageUpdate('', log, { mediaKind: 'sticker' }));
    expect(log.calls).toEqual(['reply:command', 'reply:pattern', 'reply:kind', 'reply:fallback']);
  });

  it('refuses RegExps with g or y and duplicate patterns', () => {
    const router = new Router();
    expect(() => router.hears(/a/g, replyWith('x'))).toThrow(/g or y flag/);
    router.hears(/a/i, replyWith('x'));
    expect(() => router.hears(/a/i, replyWith('y'))).toThrow(/already handled by router.hears\(\/a\/i\)/);
    router.hears('a', replyWith('x'));
    expect(() => router.hears(['b', 'a'], replyWith('y'))).toThrow(RouteDefinitionError);
  });

  it('routes kinds by chat type, a specific kind before any message', async () => {
    const log = newLog();
    const router = new Router();
    router.on('photo', replyWith('private photo'), { chatType: 'private' });
    router.on('photo', replyWith('group photo'), { chatType: ['group', 'supergroup'] });
    router.on('message', replyWith('any'));
    await router.handle(messageUpdate('', log, { mediaKind: 'photo', chatType: 'private' }));
    await router.handle(messageUpdate('', log, { mediaKind: 'photo', chatType: 'supergroup' }));
    await router.handle(messageUpdate('', log, { mediaKind: 'photo', chatType: 'channel' }));
    await router.handle(messageUpdate('', log, { mediaKind: 'document' }));
    expect(log.calls).toEqual(['reply:private photo', 'reply:group photo', 'reply:any', 'reply:any']);
  });

  it('refuses overlapping kinds, unknown kinds and unknown chat types', () => {
    const router = new Router();
    router.on('photo', replyWith('a'), { chatType: 'private' });
    expect(() => router.on('photo', replyWith('b'))).toThrow(
      /photo messages in private chats are already handled/,
    );
    expect(() => router.on('picture' as never, replyWith('b'))).toThrow(/unknown message kind "picture"/);
    expect(() => router.on('video', replyWith('b'), { chatType: 'forum' as never })).toThrow(
      /unknown chat type/,
    );
  });

  it('routes edited messages apart from new ones', async () => {
    const log = newLog();
    const router = new Router();
    router.on('text', replyWith('new'));
    router.editedMessage(replyWith('edited'));
    await router.handle(editedMessageUpdate('fixed typo', log));
    await router.handle(messageUpdate('fresh', log));
    expect(log.calls).toEqual(['reply:edited', 'reply:new']);
  });
});

describe('Router callback queries, inline queries and chat members', () => {
  it('gives named params of a callback pattern and RegExp captures of another', async () => {
    const log = newLog();
    const router = new Router();
    router.callbackQuery('item/:id', (ctx) => ctx.answer({ text: `item ${ctx.params.id}` }));
    router.callbackQuery('item/:id/buy/:count', (ctx) =>
      ctx.answer({ text: `${ctx.params.id}x${ctx.params.count}` }),
    );
    router.callbackQuery(/^vote:(up|down)$/, (ctx) => ctx.edit(`voted ${ctx.match?.[1]}`));
    await router.handle(callbackUpdate('item/42', log));
    await router.handle(callbackUpdate('item/7/buy/3', log));
    await router.handle(callbackUpdate('vote:up', log));
    const missed = await router.handle(callbackUpdate('item', log));
    expect(missed.route).toBeUndefined();
    expect(log.calls).toEqual(['answer:item 42', 'answer:7x3', 'edit:voted up']);
  });

  it('routes a callback without data to the fallback', async () => {
    const log = newLog();
    const router = new Router();
    router.callbackQuery('x', replyWith('x'));
    router.fallback((ctx) => ctx.answer({ text: 'fallback' }));
    await router.handle(callbackUpdate(undefined, log));
    expect(log.calls).toEqual(['answer:fallback']);
  });

  it('routes inline queries by literal, RegExp, then any', async () => {
    const log = newLog();
    const router = new Router();
    router.inlineQuery('cats', (ctx) => ctx.answerInlineQuery([1, 2]));
    router.inlineQuery(/^dogs (\d+)$/, (ctx) =>
      ctx.answerInlineQuery(new Array(Number(ctx.match?.[1])).fill(0)),
    );
    router.inlineQuery((ctx) => ctx.answerInlineQuery([]));
    await router.handle(inlineUpdate('cats', log));
    await router.handle(inlineUpdate('dogs 3', log));
    await router.handle(inlineUpdate('birds', log));
    expect(log.calls).toEqual(['inline:2', 'inline:3', 'inline:0']);
    expect(() => router.inlineQuery(replyWith('again'))).toThrow(/already handled by router.inlineQuery\(\)/);
  });

  it('routes chat member changes by new then old status', async () => {
    const seen: string[] = [];
    const router = new Router();
    router.chatMember({ oldStatus: 'left', newStatus: 'member' }, () => seen.push('joined'));
    router.chatMember({ newStatus: ['left', 'kicked'] }, () => seen.push('gone'));
    router.chatMember(() => seen.push('other'));
    await router.handle(chatMemberUpdate('left', 'member'));
    await router.handle(chatMemberUpdate('member', 'kicked'));
    await router.handle(chatMemberUpdate('member', 'administrator'));
    expect(seen).toEqual(['joined', 'gone', 'other']);
    expect(() => router.chatMember({ newStatus: 'boss' as never }, () => undefined)).toThrow(
      /unknown member status/,
    );
  });
});

describe('Router middleware, guards and errors', () => {
  it('runs global middleware in order around the handler, before routing', async () => {
    const order: string[] = [];
    const router = new Router();
    router.use(async (ctx, next) => {
      order.push('outer in');
      await next();
      order.push(`outer out ${ctx.route}`);
    });
    router.use(async (_ctx, next) => {
      order.push('inner in');
      await next();
      order.push('inner out');
    });
    router.command('go', () => {
      order.push('handler');
    });
    await router.handle(messageUpdate('/go', newLog()));
    expect(order).toEqual(['outer in', 'inner in', 'handler', 'inner out', "outer out router.command('go')"]);
  });

  it('lets middleware stop the chain by not calling next, and refuses a second next()', async () => {
    const log = newLog();
    const router = new Router();
    router.use(async (ctx, next) => {
      if (ctx.from?.id !== 1n) await next();
    });
    router.command('go', replyWith('went'));
    await router.handle(messageUpdate('/go', log, { senderId: 1n }));
    expect(log.calls).toEqual([]);
    const twice = new Router();
    twice.use(async (_ctx, next) => {
      await next();
      await next();
    });
    const failure = await twice.handle(messageUpdate('/go', log)).catch((error: unknown) => error);
    expect(HandlerError.isInstance(failure)).toBe(true);
    expect(MiddlewareError.isInstance((failure as HandlerError).cause)).toBe(true);
  });

  it('skips a handler whose guard refuses, with the built-in guards', async () => {
    const log = newLog();
    const router = new Router();
    router.command('private', replyWith('private'), { guards: [privateChatOnly] });
    router.command('mine', replyWith('mine'), { guards: [fromUsers(1n, 2)] });
    router.command('admin', replyWith('admin'), { guards: [adminOnly([3n])] });
    router.command('check', replyWith('check'), { guards: [adminOnly(async (ctx) => ctx.chat?.id === 5n)] });
    await router.handle(messageUpdate('/private', log, { chatType: 'group' }));
    await router.handle(messageUpdate('/private', log, { chatType: 'private' }));
    await router.handle(messageUpdate('/mine', log, { senderId: 3n }));
    await router.handle(messageUpdate('/mine', log, { senderId: 2n }));
    await router.handle(messageUpdate('/admin', log, { senderId: 2n }));
    await router.handle(messageUpdate('/admin', log, { senderId: 3n }));
    await router.handle(messageUpdate('/check', log, { chatId: 6n }));
    await router.handle(messageUpdate('/check', log, { chatId: 5n }));
    expect(log.calls).toEqual(['reply:private', 'reply:mine', 'reply:admin', 'reply:check']);
  });

  it('passes errors to route handlers, then global ones, and rejects with HandlerError past them', async () => {
    const seen: string[] = [];
    const router = new Router();
    router.command(
      'a',
      () => {
        throw new Error('a broke');
      },
      {
        errorHandlers: [
          (error) => {
            seen.push(`route saw ${(error as Error).message}`);
            throw new Error('rethrown by route');
          },
        ],
      },
    );
    router.command('b', () => Promise.reject(new Error('b broke')));
    router.catch((error, ctx) => {
      seen.push(`global saw ${(error as Error).message} in ${ctx.route}`);
    });
    await router.handle(messageUpdate('/a', newLog()));
    await router.handle(messageUpdate('/b', newLog()));
    expect(seen).toEqual([
      'route saw a broke',
      "global saw rethrown by route in router.command('a')",
      "global saw b broke in router.command('b')",
    ]);
    const bare = new Router();
    bare.command('x', () => {
      throw new Error('nobody catches');
    });
    await expect(bare.handle(messageUpdate('/x', newLog()))).rejects.toThrow(
      "router.command('x') failed on a message update: nobody catches",
    );
  });

  it('raises a ContextError when a reply has no chat to go to', async () => {
    const router = new Router();
    router.inlineQuery((ctx) => ctx.reply('nowhere'));
    await expect(router.handle(inlineUpdate('q', newLog()))).rejects.toThrow(
      'ctx.reply() is not possible on inlineQuery updates',
    );
  });
});
