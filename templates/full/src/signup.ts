// A multi-step dialog: name, then age, then the profile is saved in the user's session. Its state is
// stored after every step (in the data store), so it carries on where it was after a restart.
import { conversations, defineConversation, JsonSessionStore, type ConversationState } from 'mtbot';
import { dataStore } from './data-store';
import type { BotContext } from './sessions';

interface SignupData {
  name?: string;
}

export const signup = defineConversation<SignupData, BotContext>({
  name: 'signup',
  steps: [
    {
      name: 'name',
      prompt: (ctx) => ctx.reply('What is your name? (/cancel to stop)'),
      handle: (ctx, conversation) => {
        const name = ctx.message?.text.trim() ?? '';
        if (name === '' || name.startsWith('/')) return conversation.repeat('Please send your name as text.');
        conversation.data.name = name;
        conversation.next();
      },
    },
    {
      name: 'age',
      prompt: (ctx, data) => ctx.reply(`Nice to meet you, ${data.name}! How old are you?`),
      handle: async (ctx, conversation) => {
        const age = Number(ctx.message?.text.trim());
        if (!Number.isInteger(age) || age < 1 || age > 150) {
          return conversation.repeat('Please send your age as a whole number, like 30.');
        }
        ctx.session!.profile = { name: conversation.data.name!, age };
        await ctx.reply(`Saved: ${conversation.data.name}, ${age}. /me shows it.`);
        conversation.finish();
      },
    },
  ],
});

/**
 * The conversations middleware: global (src/bot.ts), after the sessions, so an answer reaches the
 * conversation's current step before any route, and a step can use `ctx.session`.
 */
export const dialogs = conversations<BotContext>({
  store: new JsonSessionStore<ConversationState>(dataStore, { prefix: 'conversation:' }),
  conversations: [signup],
  timeoutMs: 15 * 60_000,
  onCancel: (ctx) => ctx.reply('Cancelled.'),
  onTimeout: (ctx) => ctx.reply('That took a while, so I stopped asking. Send /signup to start again.'),
});
