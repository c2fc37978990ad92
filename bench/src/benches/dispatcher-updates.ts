/** The bot both dispatchers pretend to be. */
export const benchBotUsername = 'bench_bot';

/** One incoming text message of the mix: the same for grammY and mtbot. */
export interface BenchMessageSpec {
  readonly text: string;
  readonly chatId: number;
  readonly userId: number;
  /** Length of the leading bot_command entity, or 0 for plain text. */
  readonly commandLength: number;
}

/** How many distinct commands the routing table has: `/cmd0` ... `/cmd9`. */
export const benchCommandCount = 10;

function command(index: number, suffix: string): BenchMessageSpec {
  const name = `/cmd${index}${suffix}`;
  return {
    text: `${name} arg${index}`,
    chatId: 1000 + index,
    userId: 50 + index,
    commandLength: name.length,
  };
}

function plain(text: string, index: number): BenchMessageSpec {
  return { text, chatId: 2000 + index, userId: 80 + index, commandLength: 0 };
}

/**
 * The update mix, 16 a cycle: 10 commands (two addressed `@bench_bot`), 3 texts the pattern matches
 * and 3 that only the fallback takes (one an unknown command).
 */
export const benchMessages: readonly BenchMessageSpec[] = [
  command(0, ''),
  command(1, ''),
  plain('order 12 tea', 0),
  command(2, `@${benchBotUsername}`),
  command(3, ''),
  plain('good morning', 1),
  command(4, ''),
  command(5, ''),
  plain('order 7 coffee', 2),
  command(6, ''),
  command(7, `@${benchBotUsername}`),
  { text: '/unknown', chatId: 3000, userId: 90, commandLength: 8 },
  command(8, ''),
  plain('order 3 cake', 3),
  command(9, ''),
  plain('what is this?', 4),
];

/** The reply each message must get, whichever dispatcher handles it. */
export function expectedReply(spec: BenchMessageSpec): string {
  const command = /^\/(cmd\d)(?:@\w+)? (.*)$/.exec(spec.text);
  if (command !== null) return `${command[1]}: ${command[2]}`;
  const order = /^order (\d+) (\w+)$/.exec(spec.text);
  if (order !== null) return `order ${order[1]} of ${order[2]}`;
  return 'fallback';
}

/** The same text a middleware stamps on every update in both bots, to make the middleware do something. */
export function middlewareMark(chatId: number): string {
  return `chat ${chatId}`;
}
