/**
 * The DCs besides the main one (core.telegram.org/api/datacenter): each is core's MTProto server on a
 * port of its own, with the same RSA key (Telegram's DCs share theirs too), its own auth keys, and the
 * same world behind it. Which DC a call arrives on decides where uploads are kept, which files it may
 * serve, and whether a bot may log in there.
 */
import {
  MtprotoServer,
  type Clock,
  type MtprotoRequestHandler,
  type RandomSource,
  type RsaPrivateKey,
} from 'telegram-mtproto-core';
import type { DcDescription } from './call-context';
import type { DcDirectory } from './dc-directory';

/** The DC ids of an emulator with `dcCount` DCs whose main DC is `mainDcId`. */
export function dcIdsOf(mainDcId: number, dcCount = 1): number[] {
  if (!Number.isInteger(dcCount) || dcCount < 1 || dcCount > 5) {
    throw new RangeError(`dcCount must be an integer from 1 to 5, got ${dcCount}`);
  }
  if (dcCount === 1) return [mainDcId];
  // Several DCs are numbered 1..dcCount, as Telegram's are; the main one must be among them.
  if (!Number.isInteger(mainDcId) || mainDcId < 1 || mainDcId > dcCount) {
    throw new RangeError(`with dcCount ${dcCount}, dcId must be from 1 to ${dcCount}, got ${mainDcId}`);
  }
  return Array.from({ length: dcCount }, (_, index) => index + 1);
}

export interface OtherDcsOptions {
  readonly dcs: DcDirectory;
  readonly host: string;
  readonly privateKey: RsaPrivateKey;
  readonly handlerFor: (dc: () => DcDescription) => MtprotoRequestHandler;
  readonly log: (line: string) => void;
  readonly random?: RandomSource;
  readonly clock?: Clock;
}

/** Starts a server for every DC but the main one, each on a free TCP port; records their addresses. */
export async function startOtherDcs(options: OtherDcsOptions): Promise<MtprotoServer[]> {
  const { dcs, host } = options;
  const servers: MtprotoServer[] = [];
  try {
    for (const dcId of dcs.dcIds) {
      if (dcId === dcs.mainDcId) continue;
      let port = 0;
      const server = new MtprotoServer({
        privateKeys: [options.privateKey],
        host,
        tcp: { port: 0 },
        dcId,
        random: options.random,
        clock: options.clock,
        handler: options.handlerFor(() => ({ dcId, host, port })),
      });
      server.on('handlerError', (error, method) =>
        options.log(`DC ${dcId}: ${method} failed: ${String(error)}`),
      );
      servers.push(server);
      port = (await server.listen()).tcp!.port;
      dcs.setAddress({ dcId, host, port });
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    throw error;
  }
  return servers;
}
