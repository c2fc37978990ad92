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

const byWorld = new WeakMap<World, BotInteractions>();

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
