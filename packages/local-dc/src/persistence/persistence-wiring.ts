/**
 * How LocalDc wires its servers and its state file: the DCs' servers started in order (the main DC
 * with WebSocket too) with their addresses recorded, and the world's events marking the state changed.
 */
import type { MtprotoRequestHandler, MtprotoServerAddresses } from 'telegram-mtproto-core';
import type { DcDescription } from '../mtproto/call-context';
import type { DcDirectory } from '../mtproto/dc-directory';
import type { DcServers } from '../mtproto/dc-servers';
import type { World } from '../world/world';
import { channelDeletionsOf } from '../world/channel-deletion';
import { messageDeletionsOf } from '../world/message-deletion';
import type { StateFile } from './state-file';

/** Starts every DC of `dcs` (the main one on `mainPort`, others on free ports); the main one's addresses. */
export async function startDcServers(
  servers: DcServers,
  dcs: DcDirectory,
  host: string,
  mainPort: number,
  handlerFor: (dc: () => DcDescription) => MtprotoRequestHandler,
): Promise<MtprotoServerAddresses> {
  let main: MtprotoServerAddresses | undefined;
  try {
    for (const dcId of [dcs.mainDcId, ...dcs.dcIds.filter((id) => id !== dcs.mainDcId)]) {
      const isMain = dcId === dcs.mainDcId;
      let port = 0;
      const addresses = await servers.start({
        dcId,
        tcpPort: isMain ? mainPort : 0,
        websocketPort: isMain ? 0 : undefined,
        handler: handlerFor(() => ({ dcId, host, port })),
      });
      port = addresses.tcp!.port;
      dcs.setAddress({ dcId, host, port });
      if (isMain) main = addresses;
    }
  } catch (error) {
    await servers.close();
    throw error;
  }
  return main!;
}

/** Marks the state changed on every change the world and its groups announce. */
export function watchForChanges(world: World, state: StateFile): void {
  const changed = (): void => state.changed();
  world.on('messageAdded', changed);
  world.on('messageEdited', changed);
  messageDeletionsOf(world).on('deleted', changed);
  channelDeletionsOf(world).on('deleted', changed);
  for (const event of [
    'chatMessageAdded',
    'chatMessageEdited',
    'channelMessageAdded',
    'channelMessageEdited',
    'participantChanged',
    'membersChanged',
    'defaultRightsChanged',
  ] as const) {
    world.groups.on(event, changed);
  }
}
