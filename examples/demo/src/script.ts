// The demo's conversation: what "you" type, one line at a time, each waiting for the bot's answer.
import { runDevBot, type ExitCode, type RunBotOptions, type DevBotOptions } from 'mtbot';
import { botOptions } from './bot';

/** Messages, and `:press` lines that press a button of the latest bot message with buttons. */
export const DEMO_SCRIPT: readonly string[] = [
  '/start',
  ':press About',
  ':press Back',
  '/help',
  '/survey',
  'Ada',
  ':press TypeScript',
  'eleven',
  '5',
];

/**
 * Runs the demo bot on an embedded local DC (memory only, nothing read from the environment or
 * `.env`) and chats with it through {@link DEMO_SCRIPT}, printing the transcript. Resolves with
 * ExitCode.Failure when the bot left a line unanswered (the transcript shows which).
 */
export function runDemo(overrides: Partial<RunBotOptions & DevBotOptions> = {}): Promise<ExitCode> {
  return runDevBot({
    ...botOptions,
    env: {},
    envFile: false,
    devDataDir: false,
    chatInput: DEMO_SCRIPT,
    echoInput: true,
    failOnUnanswered: true,
    ...overrides,
  });
}
