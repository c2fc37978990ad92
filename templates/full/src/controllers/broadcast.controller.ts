import { Args, Command, Controller, Ctx, type Context } from 'mtbot';
import { Announcer } from '../services/announcer';
import { Settings } from '../settings';

/** /broadcast for the admin (ADMIN_ID). */
@Controller()
export class BroadcastController {
  constructor(
    private readonly announcer: Announcer,
    private readonly settings: Settings,
  ) {}

  @Command('broadcast')
  async broadcast(@Ctx() ctx: Context, @Args() text: string) {
    const userId = ctx.from?.id;
    if (userId === undefined || userId !== this.settings.adminId) {
      return ctx.reply(`Only the admin may broadcast. To be the admin, set ADMIN_ID=${userId} in .env.`);
    }
    if (text.trim() === '') return ctx.reply('Usage: /broadcast <text>');
    const audience = await this.announcer.audience();
    await ctx.reply(`Sending to ${audience} subscriber${audience === 1 ? '' : 's'}...`);
    // A long broadcast must not hold up this chat's next updates: it runs on, and reports when done.
    const id = `broadcast:${Date.now()}`;
    void this.announcer
      .broadcast(id, text)
      .then(
        (report) => ctx.reply(`Broadcast done: ${report.sent} sent, ${report.failed} failed.`),
        (error: unknown) => ctx.reply(`Broadcast stopped: ${error instanceof Error ? error.message : error}`),
      )
      // The report could not be sent (the admin blocked the bot): nothing is left to tell anyone.
      .catch(() => undefined);
  }
}
