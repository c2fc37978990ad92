import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDc } from 'mtbot-local-dc';
import { ExitCode } from '../../src/runtime/lifecycle/exit-codes';
import { API, handlersInFlight, startBotProcess, waitFor, waitUntilStarted } from './bot-process';

const FIXTURE = join(__dirname, 'fixtures/slow-bot.ts');
const startBot = (env: Record<string, string>) => startBotProcess(FIXTURE, env);

describe('runBot as a service against a local DC', () => {
  let dc: LocalDc;

  beforeEach(async () => {
    dc = await LocalDc.start({ port: 0 });
  });

  afterEach(async () => {
    await dc.stop();
  });

  /** Starts the slow bot on the local DC, sends `work N` from `count` users once it runs, waits until all are in flight. */
  async function startWorking(count: number, env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'mtbot-run-bot-'));
    const releaseFile = join(dir, 'release');
    const child = startBot({
      ...API,
      LOCAL_DC_URL: dc.info.controlUrl,
      SESSION_STORE: `file:${join(dir, 'bot.session.json')}`,
      METRICS_PORT: '0',
      RELEASE_FILE: releaseFile,
      ...env,
    });
    const port = await waitUntilStarted(child);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);

    const users = Array.from({ length: count }, (_, index) => dc.createUser({ firstName: `User${index}` }));
    users.forEach((user, index) =>
      dc.sendUserMessage({ fromUserId: user.id, toUserId: dc.defaultBot.id, text: `work ${index}` }),
    );
    await waitFor(async () => (await handlersInFlight(port)) === count, `${count} handlers in flight`);
    return { child, users, release: () => writeFileSync(releaseFile, '') };
  }

  const botReplies = (userId: bigint) =>
    dc
      .history(userId, dc.defaultBot.id)
      .filter((message) => !message.out)
      .map((message) => message.text);

  it('SIGTERM during 100 in-flight handlers loses none of them: all 100 replies arrive, exit 0', async () => {
    const { child, users, release } = await startWorking(100, { SHUTDOWN_TIMEOUT_MS: '20000' });
    expect(botReplies(users[0]!.id)).toEqual([]);

    child.kill('SIGTERM');
    // The handlers may finish only once the intake has stopped, with all 100 still counted.
    const inFlightAtStop = await child.waitForLog((line) =>
      line['msg'] === 'no longer taking work; waiting for work in flight'
        ? Number(line['inFlight'])
        : undefined,
    );
    expect(inFlightAtStop).toBe(100);
    release();
    const { code, stderr } = await child.exited;

    expect(code).toBe(ExitCode.Clean);
    users.forEach((user, index) => expect(botReplies(user.id)).toEqual([`done ${index}`]));
    expect(stderr).not.toContain(dc.info.botToken);
    expect(stderr).not.toContain(API.API_HASH);
    expect(stderr).not.toContain('update not handled');
  }, 30_000);

  it('handlers still running at SHUTDOWN_TIMEOUT_MS are cut and named: exit 3, not a failed stop', async () => {
    const { child } = await startWorking(5, { SHUTDOWN_TIMEOUT_MS: '300' });
    child.kill('SIGTERM');
    const { code, stderr } = await child.exited;

    expect(code).toBe(ExitCode.ShutdownTimeout);
    expect(stderr).toContain('handlers still running at the shutdown timeout');
    expect(stderr).not.toContain('did not finish within');
  }, 30_000);

  it('missing and malformed variables: exit code 2, one message naming each, no secret shown', async () => {
    const badHash = 'not-a-hash-but-a-secret-value';
    const child = startBot({
      API_ID: 'abc',
      API_HASH: badHash,
      METRICS_PORT: '70000',
      SESSION_STORE: 'memory',
    });
    const { code, stdout, stderr } = await child.exited;

    expect(code).toBe(ExitCode.StartupFailed);
    const output = stdout + stderr;
    for (const variable of ['API_ID', 'API_HASH', 'BOT_TOKEN', 'METRICS_PORT'])
      expect(output).toContain(variable);
    expect(output).not.toContain(badHash);
    expect(output).toContain('invalid configuration (4 problems)');
  }, 30_000);
});

describe('runBot start-up failures outside the variables themselves', () => {
  it('a LOCAL_DC_URL nobody answers at: exit code 2 and a message naming LOCAL_DC_URL', async () => {
    const dc = await LocalDc.start({ port: 0 });
    const controlUrl = dc.info.controlUrl;
    await dc.stop();
    const child = startBot({ ...API, LOCAL_DC_URL: controlUrl, SESSION_STORE: 'memory' });
    const { code, stdout, stderr } = await child.exited;

    expect(code).toBe(ExitCode.StartupFailed);
    expect(stdout + stderr).toContain(`LOCAL_DC_URL: cannot get the local DC's info from ${controlUrl}/info`);
  }, 30_000);
});
