// The quick start demo bot: a greeting with an inline menu whose buttons edit it in place, /help,
// and a three-question survey on mtbot's conversations.
import {
  CallbackQuery,
  Command,
  Controller,
  Ctx,
  Fallback,
  InlineKeyboard,
  conversations,
  enterConversation,
  type Context,
  type RunBotOptions,
} from 'mtbot';
import { survey } from './survey';

const MENU_TEXT = 'What would you like to see?';
const menu = new InlineKeyboard().text('ℹ️ About', 'menu/about').text('📋 Survey', 'menu/survey');
const back = new InlineKeyboard().text('« Back', 'menu/back');

/** Conversation state in memory (a JsonSessionStore over files or Redis would survive restarts). */
const dialogs = conversations({
  conversations: [survey],
  onCancel: (ctx) => ctx.reply('Survey cancelled.'),
});

@Controller({ middleware: [dialogs] })
export class DemoController {
  @Command('start')
  start(@Ctx() ctx: Context) {
    return ctx.reply(`👋 Hello, ${ctx.from?.firstName ?? 'there'}! ${MENU_TEXT}`, { replyMarkup: menu });
  }

  @Command('help')
  help(@Ctx() ctx: Context) {
    return ctx.reply(
      [
        '/start – the menu',
        '/survey – three quick questions',
        '/cancel – leave the survey',
        '/help – this list',
      ].join('\n'),
    );
  }

  @Command('survey')
  survey(@Ctx() ctx: Context) {
    return enterConversation(ctx, 'survey');
  }

  /** "About" replaces the menu with a text and a Back button: the same message, edited. */
  @CallbackQuery('menu/about')
  async about(@Ctx() ctx: Context) {
    await ctx.edit('mtbot speaks MTProto itself: no Bot API server in between.', { replyMarkup: back });
    await ctx.answer();
  }

  @CallbackQuery('menu/back')
  async back(@Ctx() ctx: Context) {
    await ctx.edit(MENU_TEXT, { replyMarkup: menu });
    await ctx.answer();
  }

  @CallbackQuery('menu/survey')
  async startSurvey(@Ctx() ctx: Context) {
    await ctx.answer({ text: 'Survey started' });
    await enterConversation(ctx, 'survey');
  }

  @Command('cancel')
  cancel(@Ctx() ctx: Context) {
    return ctx.reply('There is nothing to cancel.');
  }

  /** Anything else outside the survey: every update must reach this controller for its middleware. */
  @Fallback()
  other(@Ctx() ctx: Context) {
    if (ctx.callbackQuery !== undefined) return ctx.answer({ text: 'That button is no longer active.' });
    return ctx.reply('I did not get that. Send /help for what I can do.');
  }
}

/** What `runBot` / `runDevBot` need besides the environment. */
export const botOptions = {
  controllers: [DemoController],
} satisfies RunBotOptions;
