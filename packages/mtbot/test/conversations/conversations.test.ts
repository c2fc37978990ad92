import { ConfigError, ManualClock } from 'telegram-mtproto-core';
import type { ConversationState } from '../../src/conversations/conversation-state';
import { defineConversation } from '../../src/conversations/conversation';
import { conversations } from '../../src/conversations/conversations-middleware';
import { enterConversation } from '../../src/conversations/enter-conversation';
import { MemorySessionStore, Router, type Context } from '../../src/framework';
import { JsonSessionStore } from '../../src/stores/json-session-store';
import {
  callbackUpdate,
  messageUpdate,
  newLog,
  type CallLog,
  type MessageSpec,
} from '../framework/fake-updates';
import { persistentBackends } from '../stores/key-value-backends';
import { signup, wizardRouter } from './wizard';

/** Sends texts in order through `router` and returns what the bot replied to them. */
async function say(router: Router<Context>, texts: string[], spec: MessageSpec = {}): Promise<string[]> {
  const log: CallLog = newLog();
  for (const text of texts) await router.handle(messageUpdate(text, log, spec));
  return log.calls;
}

describe('conversations', () => {
  it('runs a three-question wizard to the end, then lets updates reach other handlers', async () => {
    const store = new MemorySessionStore<ConversationState>();
    const router = wizardRouter({ store });
    const replies = await say(router, ['/signup', 'Ann', '31', 'blue', 'hello']);
    expect(replies).toEqual([
      'reply:name?',
      'reply:age?',
      'reply:color?',
      'reply:done Ann 31 blue bigint:7',
      'reply:echo hello',
    ]);
    expect(store.size).toBe(0);
  });

  it('repeats a step on bad input with its message, and jumps back on request', async () => {
    const router = wizardRouter({ store: new MemorySessionStore() });
    const replies = await say(router, ['/signup', 'Bob', 'old', '-3', '40', 'back', '41', 'red']);
    expect(replies).toEqual([
      'reply:name?',
      'reply:age?',
      'reply:a whole number, please',
      'reply:a whole number, please',
      'reply:color?',
      'reply:age?',
      'reply:color?',
      'reply:done Bob 41 red bigint:7',
    ]);
  });

  it('routes every update of a member in a conversation to its step, commands included, but /cancel leaves', async () => {
    const store = new MemorySessionStore<ConversationState>();
    const router = wizardRouter({ store });
    const replies = await say(router, ['/signup', '/signup', 'x', '/cancel', '/cancel', 'hi']);
    // '/signup' inside the wizard is the answer to "name?"; the second /cancel reaches the bot's own handler.
    expect(replies).toEqual([
      'reply:name?',
      'reply:age?',
      'reply:a whole number, please',
      'reply:cancelled signup',
      'reply:nothing to cancel',
      'reply:echo hi',
    ]);
    expect(store.size).toBe(0);
  });

  it('expires an unanswered conversation after timeoutMs, counted from the last step', async () => {
    const clock = new ManualClock(1_000);
    const store = new MemorySessionStore<ConversationState>();
    const router = wizardRouter({ store, timeoutMs: 60_000 }, clock);
    expect(await say(router, ['/signup'])).toEqual(['reply:name?']);
    clock.advance(59_999);
    expect(await say(router, ['Cy'])).toEqual(['reply:age?']);
    expect(store.get('conversation:100:7')?.expiresAt).toBe(1_000 + 59_999 + 60_000);
    clock.advance(60_000);
    // Expired: told so, and the message goes on to the ordinary handlers.
    expect(await say(router, ['33'])).toEqual(['reply:expired signup', 'reply:echo 33']);
    expect(store.size).toBe(0);
  });

  it('keeps separate conversations for two users of one group', async () => {
    const router = wizardRouter({ store: new MemorySessionStore() });
    const alice = { chatType: 'group', chatId: -500n, senderId: 1n } as const;
    const bob = { chatType: 'group', chatId: -500n, senderId: 2n } as const;
    const carol = { chatType: 'group', chatId: -500n, senderId: 3n } as const;
    expect(await say(router, ['/signup', 'Alice'], alice)).toEqual(['reply:name?', 'reply:age?']);
    expect(await say(router, ['/signup'], bob)).toEqual(['reply:name?']);
    expect(await say(router, ['hi'], carol)).toEqual(['reply:echo hi']);
    expect(await say(router, ['Bob'], bob)).toEqual(['reply:age?']);
    expect(await say(router, ['20', 'green'], alice)).toEqual([
      'reply:color?',
      'reply:done Alice 20 green bigint:1',
    ]);
    expect(await say(router, ['22', 'pink'], bob)).toEqual([
      'reply:color?',
      'reply:done Bob 22 pink bigint:2',
    ]);
  });

  it('hands button presses to the step too', async () => {
    const picker = defineConversation<{ picked?: string }>({
      name: 'picker',
      steps: [
        {
          name: 'pick',
          handle: async (ctx, conversation) => {
            if (ctx.callbackQuery === undefined) return conversation.repeat('press a button');
            conversation.data.picked = ctx.callbackQuery.data;
            await ctx.answer({ text: `picked ${conversation.data.picked}` });
            conversation.finish();
          },
        },
      ],
    });
    const router = new Router<Context>();
    router.use(conversations({ conversations: [picker] }));
    router.command('pick', (ctx) => enterConversation(ctx, 'picker'));
    const log = newLog();
    await router.handle(messageUpdate('/pick', log));
    await router.handle(messageUpdate('text', log));
    await router.handle(callbackUpdate('b', log));
    await router.handle(callbackUpdate('c', log));
    expect(log.calls).toEqual(['reply:press a button', 'answer:picked b']);
  });

  it('lets a step switch to another conversation, whose first step then holds the member', async () => {
    const menu = defineConversation<{ tries: number }>({
      name: 'menu',
      initialData: () => ({ tries: 0 }),
      steps: [
        {
          name: 'choose',
          prompt: (ctx, data) => ctx.reply(`menu ${data.tries}`),
          handle: async (ctx, conversation) => {
            if (ctx.message?.text === 'signup') return enterConversation(ctx, 'signup');
            if (ctx.message?.text === 'nowhere') return conversation.goTo('missing');
            conversation.data.tries += 1;
            // The decision after entering is ignored: the new conversation wins.
            conversation.finish();
          },
        },
      ],
    });
    const store = new MemorySessionStore<ConversationState>();
    const router = wizardRouter({ store, conversations: [signup, menu] });
    router.command('menu', (ctx) => enterConversation(ctx, 'menu'));
    expect(await say(router, ['/menu', 'signup', 'Eve'])).toEqual([
      'reply:menu 0',
      'reply:name?',
      'reply:age?',
    ]);
    expect(store.get('conversation:100:7')).toMatchObject({
      name: 'signup',
      step: 'age',
      data: { name: 'Eve' },
    });
    await say(router, ['/cancel', '/menu']);
    await expect(say(router, ['nowhere'])).rejects.toMatchObject({
      cause: expect.objectContaining({ message: 'conversation "menu" has no step "missing" to go to' }),
    });
    // The failed step changed nothing: the member is still at the menu.
    expect(store.get('conversation:100:7')).toMatchObject({ name: 'menu', step: 'choose' });
  });

  it('reports misuse with ConfigErrors', async () => {
    expect(() => defineConversation({ name: 'x', steps: [] })).toThrow(ConfigError);
    const twice = { name: 's', handle: () => undefined };
    expect(() => defineConversation({ name: 'x', steps: [twice, twice] })).toThrow(/two steps named "s"/);
    expect(() => conversations({ conversations: [], timeoutMs: 0 })).toThrow(ConfigError);
    const bare = new Router<Context>();
    bare.command('go', (ctx) => enterConversation(ctx, 'signup'));
    await expect(bare.handle(messageUpdate('/go', newLog()))).rejects.toMatchObject({
      cause: expect.objectContaining({
        message: expect.stringContaining('needs the conversations() middleware'),
      }),
    });
    const unknown = wizardRouter({ store: new MemorySessionStore() });
    unknown.command('other', (ctx) => enterConversation(ctx, 'nope'));
    await expect(unknown.handle(messageUpdate('/other', newLog()))).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringContaining('no conversation named "nope"') }),
    });
  });

  it('drops stored state it cannot continue (unknown conversation or step) instead of trapping the user', async () => {
    const store = new MemorySessionStore<ConversationState>();
    store.set('conversation:100:7', { name: 'gone', step: 'a', data: {}, expiresAt: null });
    store.set('conversation:100:8', { name: 'signup', step: 'removed', data: {}, expiresAt: null });
    const router = wizardRouter({ store });
    expect(await say(router, ['hi'])).toEqual(['reply:echo hi']);
    expect(await say(router, ['hi'], { senderId: 8n })).toEqual(['reply:echo hi']);
    expect(store.size).toBe(0);
  });
});

describe('conversations across a restart', () => {
  const backends = persistentBackends('conversations');

  it.each(backends)(
    'a new router and middleware over the same %s store continue mid-wizard',
    async (_name, open) => {
      const clock = new ManualClock(0);
      const spec: MessageSpec = { chatType: 'group', chatId: -1001234567890n, senderId: 9007199254740993n };
      const first = wizardRouter({ store: new JsonSessionStore(open()), timeoutMs: 3_600_000 }, clock);
      expect(await say(first, ['/signup', 'Dee'], spec)).toEqual(['reply:name?', 'reply:age?']);
      // "Restart": nothing of the first router or its store object is reused.
      const second = wizardRouter({ store: new JsonSessionStore(open()), timeoutMs: 3_600_000 }, clock);
      expect(await say(second, ['50', 'teal'], spec)).toEqual([
        'reply:color?',
        'reply:done Dee 50 teal bigint:9007199254740993',
      ]);
      const third = wizardRouter({ store: new JsonSessionStore(open()) }, clock);
      expect(await say(third, ['after'], spec)).toEqual(['reply:echo after']);
    },
  );
});
