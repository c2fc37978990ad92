/**
 * The control API's HTTP plumbing: JSON in and out, bounded bodies, and every failure as a JSON
 * error with a 4xx status (5xx only for a bug), never a crash of the DC.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RpcError } from 'telegram-mtproto-core';
import type { LocalDc } from '../local-dc';
import { WaitTimeoutError } from '../message-waiter';
import { ControlInputError } from './control-json';
import { CONTROL_ROUTES, type RouteOutput } from './control-routes';

/** Largest request body accepted. */
const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLargeError extends Error {}

export class ControlServer {
  private readonly server: Server;
  private readonly lifetime = new AbortController();
  private dc: LocalDc | undefined;

  constructor() {
    this.server = createServer((request, response) => void this.serve(request, response));
  }

  /** Starts listening; resolves with the base URL. */
  listen(host: string, port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address() as AddressInfo;
        resolve(`http://${host}:${address.port}`);
      });
    });
  }

  /** The DC the routes act on (set once it is running). */
  attach(dc: LocalDc): void {
    this.dc = dc;
  }

  /** Ends long polls and closes every connection. */
  close(): Promise<void> {
    this.lifetime.abort(new Error('the local DC is stopping'));
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let output: RouteOutput;
    try {
      output = await this.route(request, response);
    } catch (error) {
      output = errorOutput(error);
    }
    if (response.destroyed) return;
    const body = JSON.stringify(output.body);
    response.writeHead(output.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<RouteOutput> {
    const url = new URL(request.url ?? '/', 'http://control');
    const method = request.method ?? 'GET';
    const route = CONTROL_ROUTES[`${method} ${url.pathname}`];
    if (route === undefined) {
      const known = Object.keys(CONTROL_ROUTES).some((key) => key.endsWith(` ${url.pathname}`));
      return known
        ? {
            status: 405,
            body: { error: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed on ${url.pathname}` },
          }
        : { status: 404, body: { error: 'NOT_FOUND', message: `no route ${method} ${url.pathname}` } };
    }
    if (this.dc === undefined)
      return { status: 503, body: { error: 'NOT_READY', message: 'the DC is starting' } };
    const fields = method === 'POST' ? await readJsonObject(request) : Object.fromEntries(url.searchParams);
    // A client that hangs up ends its long poll.
    const signal = AbortSignal.any([this.lifetime.signal, closedSignal(response)]);
    return await route(this.dc, { fields, signal });
  }
}

function errorOutput(error: unknown): RouteOutput {
  if (RpcError.isInstance(error)) {
    const status = error.code >= 400 && error.code < 500 ? error.code : 400;
    return { status, body: { error: error.text, code: error.code } };
  }
  if (error instanceof ControlInputError || error instanceof RangeError) {
    return { status: 400, body: { error: 'BAD_REQUEST', message: error.message } };
  }
  if (error instanceof SyntaxError)
    return { status: 400, body: { error: 'BAD_JSON', message: error.message } };
  if (error instanceof BodyTooLargeError) {
    return {
      status: 413,
      body: { error: 'BODY_TOO_LARGE', message: `bodies are limited to ${MAX_BODY_BYTES} bytes` },
    };
  }
  if (error instanceof WaitTimeoutError)
    return { status: 408, body: { error: 'TIMEOUT', message: error.message } };
  return { status: 500, body: { error: 'INTERNAL', message: String(error) } };
}

async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(request);
  const value: unknown = JSON.parse(text === '' ? '{}' : text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlInputError('the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/**
 * The body as text. Past the limit the rest is read and dropped rather than cut off, so the client
 * finishes sending and gets its 413 instead of a reset connection.
 */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (length > MAX_BODY_BYTES) reject(new BodyTooLargeError());
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

function closedSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort(new Error('the client went away'));
  });
  return controller.signal;
}
