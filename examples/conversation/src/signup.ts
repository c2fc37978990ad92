import { defineConversation, InlineKeyboard, type Context } from 'mtbot';
import type { Profiles } from './profiles';

/** The answers so far; stored after every step. */
export interface SignupData {
  name?: string;
  age?: number;
}

const confirmKeyboard = new InlineKeyboard()
  .text('✅ Save', 'signup/save')
  .text('↩️ Start over', 'signup/restart');

/** The text of a message, or undefined for anything else (a button press, a photo). */
const textOf = (ctx: Context): string | undefined =>
  ctx.kind === 'message' && ctx.message?.mediaKind === 'text' ? ctx.message.text.trim() : undefined;

/**
 * The three-question wizard: name, age (a whole number from 1 to 150, asked again until it is one),
 * then a summary to confirm with buttons. Each step's answer is stored before the next question, so
 * a bot restarted in the middle asks the next question as if nothing happened.
 */
export function signupConversation(profiles: Profiles) {
  return defineConversation<SignupData>({
    name: 'signup',
    steps: [
      {
        name: 'name',
        prompt: (ctx) => ctx.reply('What is your name?'),
        handle: (ctx, conversation) => {
          const name = textOf(ctx);
          if (name === undefined || name === '' || name.length > 64) {
            return conversation.repeat('Please send your name as text (up to 64 characters).');
          }
          conversation.data.name = name;
          conversation.next();
        },
      },
      {
        name: 'age',
        prompt: (ctx, data) => ctx.reply(`Nice to meet you, ${data.name}! How old are you?`),
        handle: (ctx, conversation) => {
          const text = textOf(ctx) ?? '';
          const age = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
          if (!(age >= 1 && age <= 150))
            return conversation.repeat('Please send your age as a whole number, like 42.');
          conversation.data.age = age;
          conversation.next();
        },
      },
      {
        name: 'confirm',
        prompt: (ctx, data) =>
          ctx.reply(`Name: ${data.name}\nAge: ${data.age}\nSave this?`, { replyMarkup: confirmKeyboard }),
        handle: async (ctx, conversation) => {
          const choice = ctx.callbackQuery?.data;
          if (choice === 'signup/restart') {
            await ctx.answer();
            await ctx.edit('Starting over.');
            conversation.data = {};
            return conversation.goTo('name');
          }
          if (choice !== 'signup/save' || ctx.from === undefined) {
            if (ctx.callbackQuery !== undefined) await ctx.answer();
            return conversation.repeat('Please press ✅ Save or ↩️ Start over.');
          }
          const { name, age } = conversation.data;
          await profiles.save(ctx.from.id, { name: name!, age: age! });
          await ctx.answer({ text: 'Saved!' });
          await ctx.edit(`Saved: ${name}, ${age}. Send /profile to see it.`);
          conversation.finish();
        },
      },
    ],
  });
}
