// A crash (SIGKILL) with handlers in flight loses none of their updates: the bot stores the updates
// state only up to the oldest unfinished update, so the next start on the same session file gets the
// unfinished ones again from updates.getDifference, and those of each supergroup stored as behind from
// its updates.getChannelDifference, asked at start. Delivery across a crash is at least once; the
// duplicates (updates finished before the crash but stored behind an unfinished one) are counted.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDc } from 'mtbot-local-dc';
import { ExitCode } from '../../src/runtime/lifecycle/exit-codes';
import {
  API,
  handlersInFlight,
  startBotProcess,
  waitFor,
  waitUntilStarted,
  type BotProcess,
} from './bot-process';

const FIXTURE = join(__dirname, 'fixtures/crash-bot.ts');
/** Messages from as many users in private chats (the common pts). */
const PRIVATE = 180;
/** Messages in as many supergroups, one each (a channel pts each). */
const GROUPS = 21;
const MESSAGES = PRIVATE + GROUPS;

describe('a bot killed with handlers in flight', () => {
  let dc: LocalDc;
  let dir: string;
  const started: BotProcess[] = [];
  const start = (env: Record<string, string>): BotProcess => {
    const bot = startBotProcess(FIXTURE, env);
    started.push(bot);
    return bot;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mtbot-crash-'));
    dc = await LocalDc.start({ port: 0, dataDir: join(dir, 'dc') });
  });

  afterEach(async () => {
    // A failed run must not leave a bot behind.
    for (const bot of started.splice(0)) bot.kill('SIGKILL');
    await dc.stop();
  });

  it('SIGKILL with 134 handlers in flight (private chats and supergroups), restart on the same session file: every message handled, none lost; a clean stop then leaves nothing to redo', async () => {
    const completionsFile = join(dir, 'completions.txt');
    const releaseFile = join(dir, 'release');
    const env = {
      ...API,
      LOCAL_DC_URL: dc.info.controlUrl,
      SESSION_STORE: `file:${join(dir, 'bot.session.json')}`,
      METRICS_PORT: '0',
      RELEASE_FILE: releaseFile,
      COMPLETIONS_FILE: completionsFile,
    };
    const completions = (): number[] =>
      existsSync(completionsFile)
        ? readFileSync(completionsFile, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => Number(line.slice('done '.length)))
        : [];

    const first = start(env);
    const port = await waitUntilStarted(first);
    const users = Array.from({ length: PRIVATE }, (_, index) => dc.createUser({ firstName: `User${index}` }));
    // The bot administers each supergroup, so it sees every message there.
    const bot = dc.defaultBot.id;
    const supergroups = Array.from({ length: GROUPS }, (_, index) =>
      dc.groups.createSupergroup({
        creatorId: users[index]!.id,
        title: `Group ${index}`,
        memberIds: [bot],
        admins: [{ userId: bot }],
      }),
    );
    users.forEach((user, index) =>
      dc.sendUserMessage({ fromUserId: user.id, toUserId: bot, text: `work ${index}` }),
    );
    supergroups.forEach((group, index) =>
      dc.groups.sendMessage({
        fromUserId: users[index]!.id,
        chatId: group.id,
        text: `work ${PRIVATE + index}`,
      }),
    );
    const fast = Math.ceil(MESSAGES / 3);
    const slow = MESSAGES - fast;
    await waitFor(
      async () => completions().length === fast && (await handlersInFlight(port)) === slow,
      `${fast} handlers done and ${slow} in flight`,
    );
    // A supergroup is recoverable once a stored state names it (at its pts before the unfinished
    // message, listed as behind): wait for the write of the last delivery batch to land.
    const storedChannels = (): Record<string, number> => {
      try {
        const session = JSON.parse(readFileSync(join(dir, 'bot.session.json'), 'utf8')) as {
          entries?: { 'mtbot.updatesState'?: { channels?: Record<string, number> } };
        };
        return session.entries?.['mtbot.updatesState']?.channels ?? {};
      } catch {
        return {}; // not written yet
      }
    };
    await waitFor(
      () => supergroups.every((group) => storedChannels()[group.id.toString()] !== undefined),
      'every supergroup in the stored updates state',
    );
    first.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const beforeCrash = completions();
    expect(beforeCrash.every((n) => n % 3 === 0)).toBe(true);

    writeFileSync(releaseFile, '');
    const second = start(env);
    // Nothing more is sent: the supergroups' unfinished messages come from the getChannelDifference
    // the restart asks for each channel stored as behind, without waiting for a channel's next message.
    await waitUntilStarted(second);
    const expected = Array.from({ length: MESSAGES }, (_, index) => index);
    await waitFor(() => new Set(completions()).size === MESSAGES, 'every message handled', 30_000).catch(
      (error: Error) => {
        const done = new Set(completions());
        const missing = expected.filter((n) => !done.has(n));
        throw new Error(`${error.message}; missing: ${missing.join(' ')} (private below ${PRIVATE})`);
      },
    );
    second.kill('SIGTERM');
    const { code } = await second.exited;
    expect(code).toBe(ExitCode.Clean);

    const all = completions();
    expect([...new Set(all)].sort((a, b) => a - b)).toEqual(expected);
    // Only an update finished before the crash can be handled twice, and only once more.
    const counts = new Map<number, number>();
    for (const n of all) counts.set(n, (counts.get(n) ?? 0) + 1);
    const duplicated = [...counts].filter(([, count]) => count > 1);
    expect(duplicated.every(([n, count]) => count === 2 && beforeCrash.includes(n))).toBe(true);
    // A clean stop after that: a third start on the session file has nothing left to handle.
    const third = start(env);
    await waitUntilStarted(third);
    third.kill('SIGTERM');
    expect((await third.exited).code).toBe(ExitCode.Clean);
    expect(completions()).toEqual(all);
    console.log(
      `crash test: ${MESSAGES} messages (${PRIVATE} private, ${GROUPS} in supergroups), ` +
        `${beforeCrash.length} handled before SIGKILL, ${slow} in flight; ` +
        `after the restart all ${MESSAGES} handled, ${duplicated.length} twice, 0 lost`,
    );
  }, 60_000);
});
