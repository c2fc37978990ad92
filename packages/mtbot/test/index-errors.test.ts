// The error classes mtbot re-exports from telegram-mtproto-core are core's own classes, so an error
// thrown by core is an instance of what a bot imports from 'mtbot'.
import * as core from 'telegram-mtproto-core';
import * as mtbot from 'mtbot';
import { RpcError } from 'mtbot';

const CORE_ERRORS = [
  'MtbotError',
  'ConfigError',
  'RpcError',
  'FloodWaitError',
  'MigrateError',
  'TransportError',
  'SessionError',
  'StorageError',
  'AuthKeyError',
  'SecurityError',
  'TlEncodeError',
  'TlDecodeError',
] as const;

describe("core's error classes from 'mtbot'", () => {
  it("RpcError imported by name is core's RpcError", () => {
    expect(RpcError).toBe(core.RpcError);
  });

  it.each(CORE_ERRORS)('%s is the class core exports', (name) => {
    expect(mtbot[name]).toBeDefined();
    expect(mtbot[name]).toBe(core[name]);
  });

  it('catches what core throws by the class imported from mtbot', () => {
    const error = core.rpcErrorFromServer(420, 'FLOOD_WAIT_7');
    expect(error).toBeInstanceOf(mtbot.FloodWaitError);
    expect(error).toBeInstanceOf(mtbot.RpcError);
    expect(error).toBeInstanceOf(mtbot.MtbotError);
    expect(mtbot.RpcError.isInstance(error)).toBe(true);
    // mtbot's own errors share the base class.
    expect(new mtbot.PeerNotFoundError('@nobody', 'unknown')).toBeInstanceOf(mtbot.MtbotError);
  });
});
