/**
 * Authorization across DCs (core.telegram.org/api/datacenter, /method/auth.exportAuthorization,
 * /method/auth.importAuthorization): a logged-in account exports bytes for another DC of the
 * emulator; an auth key of that DC imports them and is logged in as the same account.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { loggedInAccount, type MethodHandlers } from '../call-context';
import { toApiUser } from '../tl-shapes';

export const dcTransferMethods: MethodHandlers = {
  'auth.exportAuthorization': (request, context): Api.AuthExportedAuthorization => {
    const self = loggedInAccount(context);
    // Only another DC of this emulator: exporting to the DC itself is as invalid as to an unknown one.
    if (!context.dcs.has(request.dc_id) || request.dc_id === context.dc.dcId) {
      throw new RpcError(400, 'DC_ID_INVALID');
    }
    return {
      _: 'auth.exportedAuthorization',
      id: self,
      bytes: context.dcs.exportAuthorization(self, request.dc_id),
    };
  },
  'auth.importAuthorization': (request, context): Api.AuthAuthorization => {
    const { dcs, world, authorizations, request: call } = context;
    const account = world.account(request.id);
    if (
      account === undefined ||
      !dcs.importAuthorization(request.id, request.bytes, context.dc.dcId, call.authKeyId)
    ) {
      throw new RpcError(400, 'AUTH_BYTES_INVALID');
    }
    authorizations.bind(call.authKeyId, account.id);
    return { _: 'auth.authorization', user: toApiUser(account, account.id) };
  },
};
