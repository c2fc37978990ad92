/**
 * The world's bot interactions: button presses, inline queries and command lists. There is one set per
 * {@link World}, made on first use, so the method handlers, the update pusher and the JS API share it
 * without the world knowing about it.
 */
import type { World } from '../world/world';
import { BotCommands } from './bot-commands';
import { CallbackQueries } from './callback-queries';
import { InlineQueries } from './inline-queries';

export interface BotInteractions {
  readonly callbackQueries: CallbackQueries;
  readonly inlineQueries: InlineQueries;
  readonly commands: BotCommands;
}

/** What the data dir keeps of the bot interactions. */
export interface BotInteractionsState {
  readonly commands: ReturnType<BotCommands['exportState']>;
  readonly inline: ReturnType<InlineQueries['exportState']>;
  readonly chatInstances: ReturnType<CallbackQueries['exportState']>;
}

const byWorld = new WeakMap<World, BotInteractions>();

export function exportBotInteractions(world: World): BotInteractionsState {
  const { commands, inlineQueries, callbackQueries } = botInteractionsOf(world);
  return {
    commands: commands.exportState(),
    inline: inlineQueries.exportState(),
    chatInstances: callbackQueries.exportState(),
  };
}

export function importBotInteractions(world: World, state: BotInteractionsState): void {
  const { commands, inlineQueries, callbackQueries } = botInteractionsOf(world);
  commands.importState(state.commands);
  inlineQueries.importState(state.inline);
  callbackQueries.importState(state.chatInstances);
}

export function botInteractionsOf(world: World): BotInteractions {
  let interactions = byWorld.get(world);
  if (interactions === undefined) {
    interactions = {
      callbackQueries: new CallbackQueries(world),
      inlineQueries: new InlineQueries(world),
      commands: new BotCommands(),
    };
    byWorld.set(world, interactions);
  }
  return interactions;
}
