// The server half of the loopback benches, in a process of its own (1 client process, 1 server
// process): an MtprotoServer on 127.0.0.1 answering help.getNearestDc. It prints one JSON line with
// its port and public key on stdout when ready, and exits when its stdin closes, so it never outlives
// the bench that started it.
import { MtprotoServer, generateRsaKeyPair, parseRsaPrivateKeyPem } from '../../../packages/core/src/index';

/** What the server tells the client side on its one stdout line. */
export interface LoopbackServerReady {
  readonly host: string;
  readonly port: number;
  readonly publicKeyPem: string;
}

async function main(): Promise<void> {
  const keys = generateRsaKeyPair();
  const server = new MtprotoServer({
    privateKeys: [parseRsaPrivateKeyPem(keys.privateKeyPem)],
    handler: () => ({ _: 'nearestDc', country: 'NL', this_dc: 2, nearest_dc: 2 }),
  });
  const { tcp } = await server.listen();
  if (tcp === undefined) throw new Error('the loopback server has no TCP listener');
  const ready: LoopbackServerReady = { host: tcp.host, port: tcp.port, publicKeyPem: keys.publicKeyPem };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stdin.on('end', () => {
    server.close();
    process.exit(0);
  });
  process.stdin.resume();
}

main().catch((error: unknown) => {
  console.error('[bench] loopback server failed:', error);
  process.exit(1);
});
