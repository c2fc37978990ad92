import { FloodWaitError } from '../../src/errors/flood-wait-error';
import { MigrateError } from '../../src/errors/migrate-error';
import { RpcError } from '../../src/errors/rpc-error';
import { rpcErrorFromServer } from '../../src/errors/rpc-error-from-server';

describe('rpc errors', () => {
  it('parses type and argument and names the operation', () => {
    const error = rpcErrorFromServer(420, 'FLOOD_WAIT_30', {
      method: 'messages.sendMessage',
      peer: 'chat 123',
    });
    expect(error).toBeInstanceOf(FloodWaitError);
    expect(FloodWaitError.isInstance(error)).toBe(true);
    expect(RpcError.isInstance(error)).toBe(true);
    expect((error as FloodWaitError).seconds).toBe(30);
    expect(error.type).toBe('FLOOD_WAIT');
    expect(error.argument).toBe(30);
    expect(error.message).toBe(
      'messages.sendMessage to chat 123 failed: 420 FLOOD_WAIT_30 (too many requests: wait the given seconds before retrying)',
    );
  });

  it('recognises migrations with their DC', () => {
    const error = rpcErrorFromServer(303, 'USER_MIGRATE_4');
    expect(MigrateError.isInstance(error)).toBe(true);
    expect((error as MigrateError).dcId).toBe(4);
    expect(FloodWaitError.isInstance(error)).toBe(false);
  });

  it('keeps plain errors plain, with a hint where one is known', () => {
    const error = rpcErrorFromServer(400, 'PEER_ID_INVALID', { method: 'messages.sendMessage' });
    expect(error.constructor).toBe(RpcError);
    expect(error.argument).toBeUndefined();
    expect(error.message).toMatch(/^messages\.sendMessage failed: 400 PEER_ID_INVALID \(the peer is unknown/);
    expect(rpcErrorFromServer(500, 'INTERNAL').message).toBe('request failed: 500 INTERNAL');
  });
});
