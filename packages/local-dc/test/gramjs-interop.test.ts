/**
 * Interop: a client that is not ours (GramJS, `telegram` on npm, schema layer 198) connects to the
 * local DC with the printed public key, creates an auth key, logs in as the bot and calls methods whose
 * TL is the same in layer 198 and the emulator's layer. Issue 4: "any correct MTProto client, not only
 * ours, can connect with the printed key, create an auth key and call methods".
 */
import { createPublicKey } from 'node:crypto';
import { Api, TelegramClient } from 'telegram';
import { _serverKeys } from 'telegram/crypto/RSA';
import { returnBigInt } from 'telegram/Helpers';
import { Logger, LogLevel } from 'telegram/extensions/Logger';
import { ConnectionTCPFull } from 'telegram/network/connection';
import { MemorySession } from 'telegram/sessions';
import { LocalDc } from '../src/local-dc';

/**
 * GramJS only trusts the server keys of its `crypto/RSA` module's map, keyed by the fingerprint as a
 * signed 64-bit decimal string; the ready line gives it as 16 unsigned hex digits.
 */
function trustPrintedKey(publicKeyPem: string, fingerprintHex: string): string {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  const modulus = BigInt(`0x${Buffer.from(jwk.n!, 'base64url').toString('hex')}`);
  const exponent = Number(BigInt(`0x${Buffer.from(jwk.e!, 'base64url').toString('hex')}`));
  const fingerprint = BigInt.asIntN(64, BigInt(`0x${fingerprintHex}`)).toString();
  _serverKeys.set(fingerprint, { n: returnBigInt(modulus), e: exponent });
  return fingerprint;
}

/**
 * TelegramClient.connect() in 2.26 always dials port 80 (443 with WSS); its `connection` option takes
 * a class, so this one keeps the framing (TCP full) and swaps in the local DC's port.
 */
function connectionOnPort(port: number): typeof ConnectionTCPFull {
  return class LocalDcConnection extends ConnectionTCPFull {
    constructor(params: ConstructorParameters<typeof ConnectionTCPFull>[0]) {
      super({ ...params, port });
    }
  };
}

/** `user` in the emulator's layer (227) and in GramJS's (198). */
const USER_LAYER_227 = 0x31774388;
const USER_LAYER_198 = 0x4b46c37e;

describe('GramJS (layer 198) against the local DC', () => {
  let dc: LocalDc;
  let client: TelegramClient;
  let fingerprint: string;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
    fingerprint = trustPrintedKey(dc.info.publicKeyPem, dc.info.fingerprint);
    // Not StringSession: its save() writes the port as a signed 16-bit number, and ports past 32767
    // (the usual ephemeral ones) make it throw.
    const session = new MemorySession();
    session.setDC(dc.info.dcId, dc.info.host, dc.info.port);
    client = new TelegramClient(session, 12345, '0123456789abcdef0123456789abcdef', {
      connection: connectionOnPort(dc.info.port),
      connectionRetries: 1,
      autoReconnect: false,
      baseLogger: new Logger(LogLevel.NONE),
    });
  });

  afterAll(async () => {
    await client?.destroy();
    _serverKeys.delete(fingerprint);
    await dc?.stop();
  });

  it('creates an auth key with the printed key, logs in as the bot and calls methods (getNearestDc, getState, setTyping, deleteMessages); reports where layers 198 and 227 differ', async () => {
    // connect() runs the key exchange, then invokeWithLayer(198, initConnection(help.getConfig)).
    expect(await client.connect()).toBe(true);
    expect(client.session.getAuthKey()?.getKey()?.length).toBe(256);

    const nearest = await client.invoke(new Api.help.GetNearestDc());
    expect(nearest).toBeInstanceOf(Api.NearestDc);
    expect(nearest).toMatchObject({ country: 'ZZ', thisDc: dc.info.dcId, nearestDc: dc.info.dcId });

    // Layer gap, reported rather than hidden: the emulator answers in its own layer (227), whatever
    // layer invokeWithLayer named, and the `user` constructor differs: user#31774388 here,
    // user#4b46c37e in GramJS's layer 198. The login itself succeeds on the server; GramJS cannot read
    // the auth.authorization#2ea2c0d4 (same in both layers) because of the User inside it.
    const login = client.invoke(
      new Api.auth.ImportBotAuthorization({
        flags: 0,
        apiId: 12345,
        apiHash: '0123456789abcdef0123456789abcdef',
        botAuthToken: dc.info.botToken,
      }),
    );
    await expect(login).rejects.toMatchObject({ invalidConstructorId: USER_LAYER_227 });
    expect(Api.User.CONSTRUCTOR_ID).toBe(USER_LAYER_198);
    // users.getUsers answers Vector<User>: the same gap.
    await expect(
      client.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] })),
    ).rejects.toMatchObject({
      invalidConstructorId: USER_LAYER_227,
    });

    // A method of the same constructor in both layers that needs the login: it works.
    const state = await client.invoke(new Api.updates.GetState());
    expect(state).toBeInstanceOf(Api.updates.State);
    expect(state).toMatchObject({ pts: 0, qts: 0, seq: 0 });

    // messages.setTyping#58943ee2 with an InputPeer and a SendMessageAction: the same in both layers.
    const alice = dc.createUser({ firstName: 'Alice' });
    const alicePeer = new Api.InputPeerUser({
      userId: returnBigInt(alice.id),
      accessHash: returnBigInt(alice.accessHash),
    });
    expect(
      await client.invoke(
        new Api.messages.SetTyping({ peer: alicePeer, action: new Api.SendMessageTypingAction() }),
      ),
    ).toBe(true);

    // messages.deleteMessages#e58e95d2 and messages.affectedMessages#84d19185: the same in both layers.
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'delete me' });
    const affected = await client.invoke(new Api.messages.DeleteMessages({ id: [1], revoke: true }));
    expect(affected).toBeInstanceOf(Api.messages.AffectedMessages);
    expect(affected).toMatchObject({ pts: 2, ptsCount: 1 });
    expect(dc.history(alice.id, dc.defaultBot.id)).toEqual([]);

    // messages.sendMessage changed between the layers: #983f9745 in 198, #fef48f62 in 227. The
    // emulator decodes requests in its layer only, so the older constructor is not a method it knows.
    const send = client.invoke(
      new Api.messages.SendMessage({
        peer: alicePeer,
        message: 'Hello from GramJS',
        randomId: returnBigInt(42),
      }),
    );
    expect(Api.messages.SendMessage.CONSTRUCTOR_ID).toBe(0x983f9745);
    await expect(send).rejects.toMatchObject({ code: 400, errorMessage: 'INPUT_METHOD_INVALID' });
    expect(dc.history(alice.id, dc.defaultBot.id)).toEqual([]);
  });
});
