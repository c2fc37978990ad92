import { defineConversation, InlineKeyboard, type Context } from 'mtbot';

/** The answers so far; the conversations middleware stores them after every step. */
export interface SurveyAnswers {
  name?: string;
  language?: string;
  rating?: number;
}

/** The text of a message, or undefined for anything else (a button press, a photo). */
const textOf = (ctx: Context): string | undefined =>
  ctx.kind === 'message' && ctx.message?.mediaKind === 'text' ? ctx.message.text.trim() : undefined;

const languages = new InlineKeyboard()
  .text('TypeScript', 'lang/TypeScript')
  .text('Go', 'lang/Go')
  .text('Rust', 'lang/Rust');

/**
 * Three questions: a name (text), a favourite language (a button, or typed), a rating from 1 to 5
 * (asked again until it is one); then a summary.
 */
export const survey = defineConversation<SurveyAnswers>({
  name: 'survey',
  steps: [
    {
      name: 'name',
      prompt: (ctx) => ctx.reply('1/3 · What is your name?'),
      handle: (ctx, conversation) => {
        const name = textOf(ctx);
        if (name === undefined || name === '') return conversation.repeat('Please send your name as text.');
        conversation.data.name = name;
        conversation.next();
      },
    },
    {
      name: 'language',
      prompt: (ctx, answers) =>
        ctx.reply(`2/3 · Hi ${answers.name}! Your favourite language?`, { replyMarkup: languages }),
      handle: async (ctx, conversation) => {
        const pressed = ctx.callbackQuery?.data;
        const language = pressed?.startsWith('lang/') ? pressed.slice('lang/'.length) : textOf(ctx);
        if (language === undefined || language === '')
          return conversation.repeat('Pick a button or type a name.');
        if (ctx.callbackQuery !== undefined) await ctx.answer({ text: language });
        conversation.data.language = language;
        conversation.next();
      },
    },
    {
      name: 'rating',
      prompt: (ctx) => ctx.reply('3/3 · How do you rate mtbot, from 1 to 5?'),
      handle: async (ctx, conversation) => {
        const rating = Number(textOf(ctx));
        if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
          return conversation.repeat('Please send a whole number from 1 to 5.');
        }
        const { name, language } = conversation.data;
        await ctx.reply(
          `Thanks, ${name}! ${language} fan, rating ${'★'.repeat(rating)}${'☆'.repeat(5 - rating)}.`,
        );
        conversation.finish();
      },
    },
  ],
});
