import 'reflect-metadata';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { LocalDc } from 'mtbot-local-dc';
import { runDevBot } from '../../src/dev/run-dev-bot';
import { CallbackQuery, Command, Context, Controller, Ctx } from '../../src/framework';
import { InlineKeyboard } from '../../src/keyboards/inline-keyboard';
import { ExitCode } from '../../src/runtime/lifecycle/exit-codes';

@Controller()
class MenuBot {
  @Command('start')
  start(@Ctx() ctx: Context) {
    return ctx.reply('Hello from the dev bot', { replyMarkup: new InlineKeyboard().text('Help', 'help') });
  }

  @CallbackQuery('help')
  async help(@Ctx() ctx: Context) {
    await ctx.edit('Help: send /start');
    await ctx.answer();
  }
}

class FakeProcess extends EventEmitter {
  exitCode: number | undefined;
  readonly exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
}

/** A writable that keeps what was written; `until` waits for a text to appear. */
function capture() {
  const stream = new PassThrough();
  let text = '';
  const waiters: Array<() => void> = [];
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  const until = async (expected: string): Promise<void> => {
    while (!text.includes(expected)) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { stream, text: () => text, until };
}

function devOptions(extra: Record<string, unknown> = {}) {
  const fake = new FakeProcess();
  const logs = capture();
  const output = capture();
  return {
    fake,
    logs,
    output,
    options: {
      controllers: [MenuBot],
      env: {},
      envFile: false as const,
      devDataDir: false as const,
      chatOutput: output.stream,
      logDestination: logs.stream,
      prettyLogs: false,
      runnerOptions: { exitProcess: false, process: fake },
      ...extra,
    },
  };
}

/** True when nothing listens on the port any more. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

describe('runDevBot without credentials: an embedded local DC and a chat', () => {
  it('answers /start, a button press edits the menu, :quit stops with exit code Clean and the DC stopped', async () => {
    const input = new PassThrough();
    const { options, output, fake } = devOptions({ chatInput: input });
    const done = runDevBot(options);

    await output.until('Chatting with Local Bot as You');
    input.write('/start\n');
    await output.until('Local Bot › Hello from the dev bot\n            [1 Help]\n');
    input.write(':press Help\n');
    await output.until('Local Bot › (edited) Help: send /start\n');
    input.write(':quit\n');

    await expect(done).resolves.toBe(ExitCode.Clean);
    expect(fake.exitCode).toBe(ExitCode.Clean);
    expect(fake.exits).toEqual([]);
    const text = output.text();
    expect(text).toContain('runs offline on an embedded local DC');
    expect(text).toContain('put API_ID, API_HASH (my.telegram.org) and BOT_TOKEN (@BotFather) in .env');
    expect(text).toContain('you › /start\n');
    const port = Number(/local DC \(127\.0\.0\.1:(\d+)\)/.exec(text)![1]);
    await expect(refused(port)).resolves.toBe(true);
  });

  it('SIGINT stops the bot gracefully while the chat waits for input: exit code Clean', async () => {
    const input = new PassThrough();
    const { options, output, fake } = devOptions({ chatInput: input });
    const done = runDevBot(options);
    await output.until('Chatting with Local Bot as You');
    fake.emit('SIGINT');
    await expect(done).resolves.toBe(ExitCode.Clean);
  });

  it('keeps the world in devDataDir: the same dev user and chat history in the next run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mtbot-dev-'));
    const first = devOptions({ devDataDir: dataDir, chatInput: ['/start'] });
    await expect(runDevBot(first.options)).resolves.toBe(ExitCode.Clean);
    const second = devOptions({ devDataDir: dataDir, chatInput: ['/start'] });
    await expect(runDevBot(second.options)).resolves.toBe(ExitCode.Clean);
    expect(second.output.text()).toContain(`its world is kept in ${dataDir}`);

    const dc = await LocalDc.start({ port: 0, dataDir });
    try {
      const users = [...dc.world.allAccounts()].filter((account) => !account.bot);
      expect(users.map((user) => user.firstName)).toEqual(['You']);
      const history = dc.history(users[0]!.id, dc.defaultBot.id).map((message) => message.text);
      expect(history).toEqual(['/start', 'Hello from the dev bot', '/start', 'Hello from the dev bot']);
    } finally {
      await dc.stop();
    }
  });

  it('failOnUnanswered: a line the bot leaves unanswered ends with exit code Failure', async () => {
    const { options, output } = devOptions({
      chatInput: ['what?', '/start'],
      failOnUnanswered: true,
      replyTimeoutMs: 500,
    });
    await expect(runDevBot(options)).resolves.toBe(ExitCode.Failure);
    expect(output.text()).toContain('no answer from the bot within 0.5 s');
    expect(output.text()).toContain('Hello from the dev bot');
  });

  it('a bad configuration ends with StartupFailed naming the variable; no chat opens', async () => {
    const { options, logs, output } = devOptions({ env: { LOG_LEVEL: 'loud' }, chatInput: ['/start'] });
    await expect(runDevBot(options)).resolves.toBe(ExitCode.StartupFailed);
    expect(logs.text()).toContain('LOG_LEVEL');
    expect(output.text()).toBe('');
  });

  it('a data dir the local DC cannot use: StartupFailed naming it', async () => {
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'mtbot-dev-')), 'file');
    writeFileSync(notADirectory, 'not a directory');
    const { options, logs, output } = devOptions({ devDataDir: notADirectory, chatInput: ['/start'] });
    await expect(runDevBot(options)).resolves.toBe(ExitCode.StartupFailed);
    expect(logs.text()).toContain(`the embedded local DC did not start (data dir ${notADirectory}`);
    expect(output.text()).toBe('');
  });

  it('without mtbot-local-dc installed: StartupFailed and how to install it', async () => {
    const missing = Object.assign(new Error("Cannot find module 'mtbot-local-dc'"), {
      code: 'MODULE_NOT_FOUND',
    });
    const { options, logs } = devOptions({
      requireModule: () => {
        throw missing;
      },
    });
    await expect(runDevBot(options)).resolves.toBe(ExitCode.StartupFailed);
    expect(logs.text()).toContain('npm install --save-dev mtbot-local-dc');
  });
});

describe('runDevBot with credentials', () => {
  it('is runBot: LOCAL_DC_URL set means no embedded DC (an unreachable one fails the start-up)', async () => {
    const dc = await LocalDc.start({ port: 0 });
    const controlUrl = dc.info.controlUrl;
    await dc.stop();
    let loaded = false;
    const { options, logs, output } = devOptions({
      env: { LOCAL_DC_URL: controlUrl, SESSION_STORE: 'memory' },
      requireModule: () => {
        loaded = true;
        throw new Error('the dev mode must not load mtbot-local-dc here');
      },
    });
    await expect(runDevBot(options)).resolves.toBe(ExitCode.StartupFailed);
    expect(loaded).toBe(false);
    expect(logs.text()).toContain("LOCAL_DC_URL: cannot get the local DC's info");
    expect(output.text()).toBe('');
  });
});
