// runBot's start-up failures other than bad variables: one fatal line naming the cause, no stack,
// exit code 2, and a promise that resolves (a `void runBot(...)` must never see a rejection).
import 'reflect-metadata';
import { EventEmitter } from 'node:events';
import { LocalDc } from 'mtbot-local-dc';
import { injectable } from 'tsyringe';
import { Command, Controller, Ctx, type Context } from '../../src/framework';
import type { ProcessLike } from '../../src/runtime/lifecycle/service-runner';
import { ExitCode } from '../../src/runtime/lifecycle/exit-codes';
import { runBot, type RunBotOptions } from '../../src/service/run-bot';

/** A process that records exits instead of exiting. */
class FakeProcess extends EventEmitter implements ProcessLike {
  exitCode: number | string | null | undefined;
  readonly exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
}

/** A service nobody registered, whose constructor needs a primitive tsyringe cannot make. */
@injectable()
class Unresolvable {
  constructor(readonly name: string) {}
}

@Controller()
class NeedsUnresolvable {
  constructor(readonly service: Unresolvable) {}

  @Command('start')
  start(@Ctx() ctx: Context) {
    return ctx.reply(this.service.name);
  }
}

@Controller()
class Fine {
  @Command('start')
  start(@Ctx() ctx: Context) {
    return ctx.reply('hi');
  }
}

async function run(options: Omit<RunBotOptions, 'logDestination' | 'runnerOptions'>) {
  const lines: Record<string, unknown>[] = [];
  const proc = new FakeProcess();
  const code = await runBot({
    ...options,
    logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    runnerOptions: { process: proc, exitProcess: false, keepAlive: false },
  });
  return { code, lines, proc, text: lines.map((line) => JSON.stringify(line)).join('\n') };
}

const API = { API_ID: '12345', API_HASH: '0123456789abcdef0123456789abcdef' };

describe('runBot start-up failures', () => {
  let dc: LocalDc;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
  });
  afterAll(async () => {
    await dc.stop();
  });

  it('a controller dependency tsyringe cannot resolve: one fatal line with the cause, exit code 2', async () => {
    const { code, lines, proc, text } = await run({
      controllers: [NeedsUnresolvable],
      env: { ...API, LOCAL_DC_URL: dc.info.controlUrl, SESSION_STORE: 'memory' },
      envFile: false,
    });
    expect(code).toBe(ExitCode.StartupFailed);
    expect(proc.exitCode).toBe(ExitCode.StartupFailed);
    expect(proc.exits).toEqual([]); // exitProcess: false
    const fatal = lines.filter((line) => line['level'] === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!['msg']).toMatch(/^start-up failed: /);
    expect(fatal[0]!['msg']).toContain('NeedsUnresolvable');
    // The cause's message, not its stack.
    expect(text).not.toMatch(/\\n\s+at /);
    expect(text).not.toContain(dc.info.botToken);
  });

  it('a route that cannot work is still reported as it is', async () => {
    @Controller()
    class Twice {
      @Command('a') a(@Ctx() _ctx: Context) {}
      @Command('a') b(@Ctx() _ctx: Context) {}
    }
    const { code, lines } = await run({
      controllers: [Twice],
      env: { ...API, LOCAL_DC_URL: dc.info.controlUrl, SESSION_STORE: 'memory' },
      envFile: false,
    });
    expect(code).toBe(ExitCode.StartupFailed);
    const fatal = lines.filter((line) => line['level'] === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!['msg']).toContain('Twice.');
  });

  it('a local DC that does not answer at host:port: exit code 2 without a rejection', async () => {
    const gone = await LocalDc.start({ port: 0 });
    const { host, port, publicKeyPem, botToken } = gone.info;
    await gone.stop();
    const { code, lines, text } = await run({
      controllers: [Fine],
      env: {
        ...API,
        LOCAL_DC_URL: `${host}:${port}`,
        LOCAL_DC_KEY: publicKeyPem,
        BOT_TOKEN: botToken,
        SESSION_STORE: 'memory',
        METRICS_PORT: '0',
      },
      envFile: false,
    });
    expect(code).toBe(ExitCode.StartupFailed);
    const failed = lines.find((line) => line['msg'] === 'part failed to start');
    expect(failed).toMatchObject({
      part: 'bot',
      error: expect.stringMatching(/^TransportError: .*ECONNREFUSED/),
    });
    expect(text).not.toMatch(/\\n\s+at /);
  }, 30_000);
});
