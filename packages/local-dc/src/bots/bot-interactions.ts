/**
 * The world's bot interactions: button presses, inline queries and command lists. There is one set per
 * {@link World}, made on first use, so the method handlers, the update pusher and the JS API share it
 * without the world knowing about it.
 */
import type { World } from '../world/world';
import { BotCommands } from './bot-commands';
import { CallbackQueries } from './callback-queries';
import { InlineQueries } from './inline-queries';
import { InlineMessages, type InlineMessage } from './inline-messages';

export interface BotInteractions {
  readonly callbackQueries: CallbackQueries;
  readonly inlineQueries: InlineQueries;
  readonly inlineMessages: InlineMessages;
  readonly commands: BotCommands;
}

/** What the data dir keeps of the bot interactions. */
export interface BotInteractionsState {
  readonly commands: ReturnType<BotCommands['exportState']>;
  readonly inline: ReturnType<InlineQueries['exportState']>;
  readonly chatInstances: ReturnType<CallbackQueries['exportState']>;
  /** Absent in states saved before inline messages had ids. */
  readonly inlineMessages?: readonly InlineMessage[];
}

const byWorld = new WeakMap<World, BotInteractions>();

export function exportBotInteractions(world: World): BotInteractionsState {
  const { commands, inlineQueries, callbackQueries, inlineMessages } = botInteractionsOf(world);
  return {
    commands: commands.exportState(),
    inline: inlineQueries.exportState(),
    chatInstances: callbackQueries.exportState(),
    inlineMessages: inlineMessages.exportState(),
  };
}

export function importBotInteractions(world: World, state: BotInteractionsState): void {
  const { commands, inlineQueries, callbackQueries, inlineMessages } = botInteractionsOf(world);
  commands.importState(state.commands);
  inlineQueries.importState(state.inline);
  callbackQueries.importState(state.chatInstances);
  inlineMessages.importState(state.inlineMessages ?? []);
}

export function botInteractionsOf(world: World): BotInteractions {
  let interactions = byWorld.get(world);
  if (interactions === undefined) {
    const inlineMessages = new InlineMessages();
    interactions = {
      callbackQueries: new CallbackQueries(world, inlineMessages),
      inlineQueries: new InlineQueries(world, inlineMessages),
      inlineMessages,
      commands: new BotCommands(),
    };
    byWorld.set(world, interactions);
  }
  return interactions;
}
