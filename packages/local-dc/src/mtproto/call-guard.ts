/**
 * What happens around every call before and after its handler: fault injection (connections tracked,
 * replies delayed or dropped, forced FLOOD_WAIT) and the bots' flood limits. A message is counted
 * against the limits only when its call succeeds, as a refused message was never sent.
 */
import type { MtprotoHandlerResult, MtprotoRequestHandler } from 'telegram-mtproto-core';
import type { FaultInjector } from '../faults/fault-injector';
import { floodChargeOf } from '../flood/flood-charges';
import type { FloodControl } from '../flood/flood-control';
import type { World } from '../world/world';
import type { Authorizations } from './authorizations';

type Reply = MtprotoHandlerResult | Promise<MtprotoHandlerResult>;

export interface CallGuardOptions {
  readonly world: World;
  readonly authorizations: Authorizations;
  readonly flood: FloodControl;
  readonly faults: FaultInjector;
}

/** `handler` with the flood limits and the injected faults around it. */
export function guardHandler(
  options: CallGuardOptions,
  handler: MtprotoRequestHandler,
): MtprotoRequestHandler {
  const { world, authorizations, flood, faults } = options;
  return (request, context) => {
    faults.track(request.connection);
    return faults.shape((): Reply => {
      const accountId = authorizations.accountOf(request.authKeyId);
      if (accountId === undefined || world.account(accountId)?.bot !== true) return handler(request, context);
      flood.takeForced(accountId);
      const charge = floodChargeOf(request.method, request.object, accountId);
      if (charge === undefined) return handler(request, context);
      flood.check(charge);
      const result = handler(request, context);
      if (!(result instanceof Promise)) {
        flood.record(charge);
        return result;
      }
      return result.then((value: MtprotoHandlerResult) => {
        flood.record(charge);
        return value;
      });
    });
  };
}
