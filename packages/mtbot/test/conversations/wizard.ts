import { ManualClock } from 'telegram-mtproto-core';
import { conversations, type ConversationsOptions } from '../../src/conversations/conversations-middleware';
import { defineConversation } from '../../src/conversations/conversation';
import { enterConversation } from '../../src/conversations/enter-conversation';
import { Router, type Context } from '../../src/framework';

/** The data of the three-question wizard the conversation tests drive. */
export interface SignupData {
  name?: string;
  age?: number;
  color?: string;
  /** Set from the update, to show bigints survive the store. */
  userId?: bigint;
}

/** Asks name, age (a whole number, else repeat) and colour (`back` jumps to age); then thanks. */
export const signup = defineConversation<SignupData>({
  name: 'signup',
  steps: [
    {
      name: 'name',
      prompt: (ctx) => ctx.reply('name?'),
      handle: (ctx, conversation) => {
        conversation.data.name = ctx.message?.text;
        conversation.data.userId = ctx.from?.id;
        conversation.next();
      },
    },
    {
      name: 'age',
      prompt: (ctx) => ctx.reply('age?'),
      handle: (ctx, conversation) => {
        const age = Number(ctx.message?.text);
        if (!Number.isInteger(age) || age <= 0) return conversation.repeat('a whole number, please');
        conversation.data.age = age;
        conversation.next();
      },
    },
    {
      name: 'color',
      prompt: (ctx) => ctx.reply('color?'),
      handle: async (ctx, conversation) => {
        if (ctx.message?.text === 'back') return conversation.goTo('age');
        conversation.data.color = ctx.message?.text;
        const { name, age, color, userId } = conversation.data;
        await ctx.reply(`done ${name} ${age} ${color} ${typeof userId}:${userId}`);
        conversation.next();
      },
    },
  ],
});

/** A router as a bot would build it: the conversations middleware first, then ordinary handlers. */
export function wizardRouter(
  options: Partial<ConversationsOptions> & Pick<ConversationsOptions, 'store'>,
  clock = new ManualClock(0),
): Router<Context> {
  const router = new Router<Context>();
  router.use(
    conversations({
      conversations: [signup],
      onCancel: (ctx, name) => ctx.reply(`cancelled ${name}`),
      onTimeout: (ctx, name) => ctx.reply(`expired ${name}`),
      clock,
      ...options,
    }),
  );
  router.command('signup', (ctx) => enterConversation(ctx, 'signup'));
  router.command('cancel', (ctx) => ctx.reply('nothing to cancel'));
  router.on('text', (ctx) => ctx.reply(`echo ${ctx.message?.text}`));
  return router;
}
