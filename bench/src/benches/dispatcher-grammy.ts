import { Bot, type Context as GrammyContext } from 'grammy';
import type { Update } from 'grammy/types';
import { drainMicrotasks } from './dispatcher-drain-microtasks';
import {
  benchBotUsername,
  benchCommandCount,
  middlewareMark,
  type BenchMessageSpec,
} from './dispatcher-updates';

type BenchGrammyContext = GrammyContext & { mark?: string };

/** grammY's side: a Bot with the routing table of the bench; API calls answered before the network. */
export class GrammyDispatcher {
  /** Replies sent so far, and the last one (kept as a count: a list would grow for the whole run). */
  replyCount = 0;
  lastReply = '';
  private readonly bot: Bot<BenchGrammyContext>;
  private readonly updates: readonly Update[];
  private handled = 0;

  constructor(messages: readonly BenchMessageSpec[]) {
    this.bot = new Bot<BenchGrammyContext>('1:bench-token', {
      botInfo: {
        id: 1,
        is_bot: true,
        first_name: 'Bench',
        username: benchBotUsername,
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
        has_topics_enabled: false,
        allows_users_to_create_topics: false,
        can_manage_bots: false,
        supports_join_request_queries: false,
      },
    });
    // Every API call stops here with a sent message, as the network would answer.
    this.bot.api.config.use((_previous, method, payload) => {
      const text = (payload as { text?: string }).text ?? method;
      this.replyCount += 1;
      this.lastReply = text;
      const result = { message_id: 1, date: 0, chat: { id: 1, type: 'private', first_name: 'u' }, text };
      return Promise.resolve({ ok: true, result } as never);
    });
    this.bot.use(async (ctx, next) => {
      ctx.mark = middlewareMark(ctx.chat?.id ?? 0);
      await next();
    });
    this.bot.use(async (_ctx, next) => {
      await next();
      this.handled += 1;
    });
    for (let index = 0; index < benchCommandCount; index += 1) {
      const name = `cmd${index}`;
      this.bot.command(name, (ctx) => ctx.reply(`${name}: ${ctx.match}`));
    }
    this.bot.hears(/^order (\d+) (\w+)$/, (ctx) => ctx.reply(`order ${ctx.match[1]} of ${ctx.match[2]}`));
    this.bot.on('message', (ctx) => ctx.reply('fallback'));
    this.updates = messages.map((spec, index) => ({
      update_id: index + 1,
      message: {
        message_id: index + 1,
        date: 1_700_000_000,
        chat: { id: spec.chatId, type: 'private', first_name: 'User' },
        from: { id: spec.userId, is_bot: false, first_name: 'User' },
        text: spec.text,
        ...(spec.commandLength > 0
          ? { entities: [{ type: 'bot_command', offset: 0, length: spec.commandLength }] }
          : {}),
      },
    }));
  }

  /** Handles one update of the mix to the end (its reply intercepted); returns how many were handled. */
  handle(index: number): number {
    void this.bot.handleUpdate(this.updates[index % this.updates.length]);
    drainMicrotasks();
    return this.handled;
  }
}
