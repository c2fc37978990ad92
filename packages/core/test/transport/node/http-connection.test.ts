import { request as httpRequest } from 'node:http';
import { TransportError } from '../../../src/errors/transport-error';
import { HttpConnection, type HttpConnectionOptions } from '../../../src/transport/node/http-connection';
import {
  HttpTransportServer,
  type HttpTransportReply,
  type HttpTransportServerOptions,
} from '../../../src/transport/node/http-transport-server';
import { expectBytes, seededRandom } from '../transport-test-helpers';
import { closedPort, collectPayloads, nextClose, randomPayloads, sendRaw } from './socket-test-helpers';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((resource) => resource.close()));
});

function track<T extends { close(): Promise<void> }>(resource: T): T {
  opened.push(resource);
  return resource;
}

async function server(
  handler: (body: Uint8Array, reply: HttpTransportReply) => void,
  options: HttpTransportServerOptions = {},
): Promise<number> {
  const transportServer = track(new HttpTransportServer(options));
  transportServer.onRequest(handler);
  return (await transportServer.listen()).port;
}

async function client(port: number, options: Partial<HttpConnectionOptions> = {}): Promise<HttpConnection> {
  const connection = track(new HttpConnection({ url: `http://127.0.0.1:${port}/api`, ...options }));
  await connection.connect();
  return connection;
}

/** Status of a hand-made request, for paths and methods the client never uses. */
function rawStatus(port: number, method: string, path: string, body?: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('HttpConnection with HttpTransportServer', () => {
  it('echoes 100 payloads of 1 B .. 1 MiB, each response body delivered byte-identical and in order', async () => {
    const port = await server((body, reply) => reply.respond(body));
    const connection = await client(port);
    for (const payload of randomPayloads(100, 'http-echo', false)) {
      const echoed = collectPayloads(connection, 1);
      await connection.send(payload);
      expectBytes((await echoed)[0], payload);
    }
  });

  it('keeps several requests in flight and delivers responses in arrival order; 204 delivers nothing', async () => {
    const held: HttpTransportReply[] = [];
    const port = await server((body, reply) => {
      if (body[0] === 1)
        held.push(reply); // a long poll, answered later
      else if (body[0] === 2)
        reply.respond(); // nothing to deliver
      else reply.respond(body);
    });
    const connection = await client(port, { maxInFlight: 3 });
    const received: number[] = [];
    connection.on('payload', (payload) => received.push(payload[0]));
    await connection.send(Uint8Array.of(1, 0, 0, 0));
    await connection.send(Uint8Array.of(2, 0, 0, 0));
    const third = collectPayloads(connection, 1);
    await connection.send(Uint8Array.of(3, 0, 0, 0));
    await third;
    const first = collectPayloads(connection, 1);
    while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    held[0].respond(Uint8Array.of(7, 7, 7, 7));
    await first;
    expect(received).toEqual([3, 7]);
  });

  it('closes with TransportError timeout when the server never answers', async () => {
    const port = await server(() => undefined);
    const connection = await client(port, { requestTimeoutMs: 200 });
    const closed = nextClose(connection);
    await connection.send(new Uint8Array(8));
    const error = await closed;
    expect(TransportError.isInstance(error) && error.reason).toBe('timeout');
  });

  it('the server answers 504 after its request timeout, which closes the client with http-status', async () => {
    const port = await server(() => undefined, { requestTimeoutMs: 200 });
    const connection = await client(port);
    const closed = nextClose(connection);
    await connection.send(new Uint8Array(8));
    const error = await closed;
    expect(TransportError.isInstance(error) && error.reason).toBe('http-status');
    expect(error?.message).toContain('504');
  });

  it('answers 413 to a body over the limit and keeps serving', async () => {
    const port = await server((body, reply) => reply.respond(body), { maxBodyLength: 1024 });
    const big = await client(port);
    const closed = nextClose(big);
    await big.send(new Uint8Array(2048)).catch(() => undefined);
    const error = await closed;
    expect(error?.message).toContain('413');
    const small = await client(port);
    const echoed = collectPayloads(small, 1);
    await small.send(new Uint8Array(1024).fill(3));
    expectBytes((await echoed)[0], new Uint8Array(1024).fill(3));
  });

  it('closes with frame-too-long when a response exceeds maxFrameLength', async () => {
    const port = await server((_body, reply) => reply.respond(new Uint8Array(4096)));
    const connection = await client(port, { maxFrameLength: 1024 });
    const closed = nextClose(connection);
    await connection.send(new Uint8Array(8));
    const error = await closed;
    expect(TransportError.isInstance(error) && error.reason).toBe('frame-too-long');
  });

  it('connecting to a closed port fails fast with TransportError connect-failed', async () => {
    const connection = new HttpConnection({ url: `http://127.0.0.1:${await closedPort()}/api` });
    const error = await connection.connect().catch((caught: unknown) => caught);
    expect(TransportError.isInstance(error) && error.reason).toBe('connect-failed');
  });

  it('survives GET, other paths and random bytes, and keeps serving others', async () => {
    const port = await server((body, reply) => reply.respond(body));
    expect(await rawStatus(port, 'GET', '/api')).toBe(405);
    expect(await rawStatus(port, 'POST', '/elsewhere', new Uint8Array(8))).toBe(404);
    const garbageAnswer = await sendRaw(port, seededRandom('http-garbage')(1024));
    expect(new TextDecoder().decode(garbageAnswer)).toMatch(/^HTTP\/1\.1 400/);
    const connection = await client(port);
    const echoed = collectPayloads(connection, 1);
    await connection.send(Uint8Array.of(9, 9, 9));
    expectBytes((await echoed)[0], Uint8Array.of(9, 9, 9));
  });
});
