import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { ExitCode } from 'mtbot';
import { DEMO_SCRIPT, runDemo } from '../src/script';

class FakeProcess extends EventEmitter {
  exitCode: number | undefined;
  exit(): void {}
}

/** A writable that keeps what was written. */
function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('the quick start demo', () => {
  it('answers every line of the script; the transcript shows the conversation in order', async () => {
    const output = capture();
    const logs = capture();
    const code = await runDemo({
      chatOutput: output.stream,
      logDestination: logs.stream,
      runnerOptions: { exitProcess: false, process: new FakeProcess() },
    });
    const transcript = output.text();

    expect(code).toBe(ExitCode.Clean);
    const expectedInOrder = [
      'you › /start',
      'Local Bot › 👋 Hello, You! What would you like to see?',
      '[1 ℹ️ About] [2 📋 Survey]',
      'you › :press About',
      'Local Bot › (edited) mtbot speaks MTProto itself',
      '[1 « Back]',
      'you › :press Back',
      'Local Bot › (edited) What would you like to see?',
      'you › /help',
      '/survey – three quick questions',
      'you › /survey',
      'Local Bot › 1/3 · What is your name?',
      'you › Ada',
      'Local Bot › 2/3 · Hi Ada! Your favourite language?',
      'you › :press TypeScript',
      'Local Bot › 3/3 · How do you rate mtbot, from 1 to 5?',
      'you › eleven',
      'Local Bot › Please send a whole number from 1 to 5.',
      'you › 5',
      'Local Bot › Thanks, Ada! TypeScript fan, rating ★★★★★.',
    ];
    let from = 0;
    for (const expected of expectedInOrder) {
      const at = transcript.indexOf(expected, from);
      if (at < 0) throw new Error(`not found after offset ${from}: ${expected}\n\n${transcript}`);
      from = at + expected.length;
    }
    expect(transcript).not.toContain('no answer from the bot');
    expect(transcript).not.toMatch(/^! /m);
    expect(DEMO_SCRIPT.filter((line) => transcript.includes(`you › ${line}\n`))).toEqual(DEMO_SCRIPT);
  }, 30_000);

  it('ends with a failure exit code when the bot leaves a line unanswered', async () => {
    const output = capture();
    const code = await runDemo({
      chatInput: ['/start', ':press Missing'],
      chatOutput: output.stream,
      logDestination: capture().stream,
      runnerOptions: { exitProcess: false, process: new FakeProcess() },
    });
    expect(code).toBe(ExitCode.Failure);
    expect(output.text()).toContain('! no button "Missing"');
  }, 30_000);
});
