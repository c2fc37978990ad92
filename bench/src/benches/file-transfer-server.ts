// The server half of the file-transfer benches, in a process of its own so the client and the local DC
// do not share a thread: a local DC (flood limits off) with one user to send files to. It prints one
// JSON line when ready and exits when its stdin closes, so it never outlives the bench.
import { LocalDc } from '../../../packages/local-dc/src/index';

/** What the server tells the client side on its one stdout line. */
export interface FileTransferServerReady {
  readonly host: string;
  readonly port: number;
  readonly dcId: number;
  readonly publicKeyPem: string;
  /** The key's fingerprint, 16 hex digits. */
  readonly fingerprint: string;
  readonly botToken: string;
  readonly userId: string;
  readonly userAccessHash: string;
}

async function main(): Promise<void> {
  // Room for the uploaded parts of one 100 MB file, its stored copy and one more upload in progress.
  const dc = await LocalDc.start({ port: 0, floodLimits: false, maxFileBytes: 1024 * 1024 * 1024 });
  const user = dc.createUser({ firstName: 'Bench receiver' });
  const ready: FileTransferServerReady = {
    host: dc.info.host,
    port: dc.info.port,
    dcId: dc.info.dcId,
    publicKeyPem: dc.info.publicKeyPem,
    fingerprint: dc.info.fingerprint,
    botToken: dc.info.botToken,
    userId: user.id.toString(),
    userAccessHash: user.accessHash.toString(),
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stdin.on('end', () => {
    void dc.stop().finally(() => process.exit(0));
  });
  process.stdin.resume();
}

main().catch((error: unknown) => {
  console.error('[bench] file transfer server failed:', error);
  process.exit(1);
});
