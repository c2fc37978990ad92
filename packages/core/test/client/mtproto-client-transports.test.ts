import type { ClientTransport } from '../../src/client/client-transport';
import type { MtprotoClient } from '../../src/client/mtproto-client';
import { RpcError } from '../../src/errors/rpc-error';
import type { MtprotoServer, MtprotoServerAddresses } from '../../src/server/mtproto-server';
import { BIG_TEXT, createTestClient, startServer } from './mtproto-test-harness';

type TransportCase = [string, (addresses: MtprotoServerAddresses) => ClientTransport];

const transports: TransportCase[] = [
  ['tcp abridged', () => ({ kind: 'tcp', framing: 'abridged' })],
  ['tcp intermediate', () => ({ kind: 'tcp', framing: 'intermediate' })],
  ['tcp padded intermediate', () => ({ kind: 'tcp', framing: 'padded-intermediate' })],
  ['tcp full', () => ({ kind: 'tcp', framing: 'full' })],
  ['tcp obfuscated', () => ({ kind: 'tcp', framing: 'padded-intermediate', obfuscated: true })],
  ['websocket', (addresses) => ({ kind: 'websocket', url: addresses.websocketUrl! })],
  ['http', (addresses) => ({ kind: 'http', url: addresses.httpUrl! })],
];

describe.each(transports)('MtprotoClient against MtprotoServer over %s', (_name, transportOf) => {
  let server: MtprotoServer;
  let addresses: MtprotoServerAddresses;
  let client: MtprotoClient;

  beforeAll(async () => {
    ({ server, addresses } = await startServer());
    client = createTestClient(addresses, transportOf(addresses));
  });

  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('creates an auth key, pings and gets an RPC answer typed by its method', async () => {
    const states: string[] = [];
    client.on('state', (state) => states.push(state));
    await client.connect();
    expect(server.authKeyCount).toBe(1);
    const pong = await client.ping();
    expect(pong._).toBe('pong');
    const nearest = await client.invoke({ _: 'help.getNearestDc' });
    expect(nearest).toEqual({ _: 'nearestDc', country: 'NL', this_dc: 2, nearest_dc: 4 });
    expect(states).toEqual(['connecting', 'connected']);
  });

  it('surfaces rpc_error as RpcError naming the method', async () => {
    const failure = client.invoke({
      _: 'messages.sendMessage',
      peer: { _: 'inputPeerSelf' },
      message: 'hello',
      random_id: 1n,
    });
    await expect(failure).rejects.toBeInstanceOf(RpcError);
    await expect(failure).rejects.toMatchObject({
      code: 400,
      type: 'PEER_ID_INVALID',
      method: 'messages.sendMessage',
    });
    await expect(failure).rejects.toThrow(/messages\.sendMessage failed: 400 PEER_ID_INVALID/);
  });

  it('receives a big gzip_packed result', async () => {
    const text = await client.invoke({ _: 'help.getInviteText' });
    expect(text.message).toBe(BIG_TEXT);
  });

  it('answers 1,000 concurrent calls', async () => {
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        index % 2 === 0
          ? client.invoke({ _: 'help.getNearestDc' })
          : client.invoke({ _: 'help.getSupportName' }),
      ),
    );
    results.forEach((result, index) => {
      if (index % 2 === 0) expect(result).toMatchObject({ _: 'nearestDc', nearest_dc: 4 });
      else expect(result).toEqual({ _: 'help.supportName', name: 'support true' });
    });
    expect(client.pendingCallCount).toBe(0);
  });
});
