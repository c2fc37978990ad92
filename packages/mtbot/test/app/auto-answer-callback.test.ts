/** Button presses the handlers leave unanswered are answered by the application, so no button spins. */
import { BotChat, type LocalDc } from 'mtbot-local-dc';
import type { BotApplication } from '../../src/app/bot-application';
import { CallbackQuery, Command, Controller, Ctx, type Context } from '../../src/framework';
import { InlineKeyboard } from '../../src/keyboards/inline-keyboard';
import { appOn, startDc } from './app-harness';

@Controller()
class ButtonsController {
  @Command('start')
  start(@Ctx() ctx: Context) {
    return ctx.reply('buttons', {
      replyMarkup: new InlineKeyboard()
        .text('silent', 'silent')
        .text('toast', 'toast')
        .text('broken', 'broken')
        .text('nobody', 'nobody'),
    });
  }

  @CallbackQuery('silent')
  silent(@Ctx() ctx: Context) {
    return ctx.edit('edited without answering');
  }

  @CallbackQuery('toast')
  toast(@Ctx() ctx: Context) {
    return ctx.answer({ text: 'hello' });
  }

  @CallbackQuery('broken')
  broken() {
    throw new Error('the handler failed');
  }
}

describe('BotApplication answers unanswered button presses', () => {
  let dc: LocalDc;
  let app: BotApplication;

  beforeAll(async () => {
    dc = await startDc();
  });

  afterEach(async () => {
    await app?.stop();
  });

  afterAll(async () => {
    await dc.stop();
  });

  it('answers with nothing what a handler, a failed handler or no route left unanswered; keeps the handler’s own answer', async () => {
    ({ app } = appOn(dc, { controllers: [ButtonsController] }));
    await app.start();
    const chat = BotChat.open(dc, { user: { firstName: 'Presser' } });
    const [menu] = await chat.send('/start');
    const toast = await chat.press(menu!, 'toast', { timeoutMs: 3_000 });
    expect(toast.answer.message).toBe('hello');
    await expect(chat.press(menu!, 'broken', { timeoutMs: 3_000 })).resolves.toMatchObject({
      answer: { message: undefined },
    });
    await expect(chat.press(menu!, 'nobody', { timeoutMs: 3_000 })).resolves.toMatchObject({
      answer: { message: undefined },
    });
    // Last: its edit drops the keyboard, as an edit without markup does on Telegram.
    const silent = await chat.press(menu!, 'silent', { timeoutMs: 3_000 });
    expect(silent.answer).toMatchObject({ message: undefined, alert: false });
    expect(silent.messages.map((message) => message.text)).toContain('edited without answering');
  });

  it('leaves presses unanswered with autoAnswerCallbackQueries: false', async () => {
    ({ app } = appOn(dc, { controllers: [ButtonsController], autoAnswerCallbackQueries: false }));
    await app.start();
    const chat = BotChat.open(dc, { user: { firstName: 'Waiter' } });
    const [menu] = await chat.send('/start');
    await expect(chat.press(menu!, 'silent', { timeoutMs: 1_500 })).rejects.toMatchObject({
      type: 'BOT_RESPONSE_TIMEOUT',
    });
  });
});
