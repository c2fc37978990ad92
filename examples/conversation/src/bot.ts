// A three-question wizard (name, age, confirm) on mtbot's conversations, kept in files so that it
// survives a restart: stop the bot in the middle, start it again, and the next answer carries on.
import { join } from 'node:path';
import {
  Command,
  Controller,
  Ctx,
  Fallback,
  FileKeyValueStore,
  JsonSessionStore,
  conversations,
  enterConversation,
  type Context,
  type ConversationState,
  type RunBotOptions,
} from 'mtbot';
import { dataDirectory, Profiles } from './profiles';
import { signupConversation } from './signup';

/**
 * The conversations middleware: an update from a user inside the wizard goes to the wizard's current
 * step and to no handler; /cancel leaves it. Its state is one JSON file a chat member under
 * DATA_DIR/dialogs, written after every step.
 */
const dialogs = conversations({
  store: new JsonSessionStore<ConversationState>(new FileKeyValueStore(join(dataDirectory(), 'dialogs'))),
  conversations: [signupConversation(new Profiles())],
  onCancel: (ctx) => ctx.reply('Cancelled. Send /signup to start again.'),
});

/**
 * The bot's handlers. The middleware sits on the controller, so it runs before each of them; the
 * fallback makes sure every update (answers to the wizard included) reaches a handler of this
 * controller, and so the middleware. `Profiles` is injected by the bot's container.
 */
@Controller({ middleware: [dialogs] })
export class SignupController {
  constructor(private readonly profiles: Profiles) {}

  @Command(['start', 'signup'])
  signup(@Ctx() ctx: Context) {
    return enterConversation(ctx, 'signup');
  }

  @Command('profile')
  async profile(@Ctx() ctx: Context) {
    const profile = ctx.from === undefined ? undefined : await this.profiles.get(ctx.from.id);
    return ctx.reply(
      profile === undefined ? 'No profile yet: send /signup.' : `${profile.name}, ${profile.age}`,
    );
  }

  @Command('cancel')
  cancel(@Ctx() ctx: Context) {
    return ctx.reply('There is nothing to cancel.');
  }

  /** Anything else outside the wizard: a button of a finished wizard, or a message. */
  @Fallback()
  other(@Ctx() ctx: Context) {
    if (ctx.callbackQuery !== undefined) return ctx.answer({ text: 'This form is closed.' });
    return ctx.reply('Send /signup to fill in your profile.');
  }
}

/** What `runBot` / `runDevBot` need besides the environment. */
export const botOptions = {
  controllers: [SignupController],
} satisfies RunBotOptions;
