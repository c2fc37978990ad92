// Questions for a person at a terminal, with node's readline: no dependency for a handful of prompts.
import { createInterface, type Interface } from 'node:readline/promises';
import { CreateError } from './create-error';

/** Asks questions on a terminal; every answer has a default taken on Enter. */
export class Prompter {
  private readonly readline: Interface;

  constructor(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout) {
    this.readline = createInterface({ input, output });
    // Ctrl+C at a prompt cancels the whole run, before anything is written.
    this.readline.on('SIGINT', () => {
      this.readline.close();
      process.stderr.write('\n');
      process.exit(new CreateError('cancelled', 'cancelled').exitCode);
    });
  }

  /** A free-text answer; `check` returns a problem to ask again, or undefined to accept. */
  async text(
    question: string,
    fallback: string,
    check: (answer: string) => string | undefined,
  ): Promise<string> {
    for (;;) {
      const answer = (await this.readline.question(`${question} (${fallback}) `)).trim() || fallback;
      const problem = check(answer);
      if (problem === undefined) return answer;
      process.stdout.write(`  ${problem}\n`);
    }
  }

  /** One of `choices` by number or name. */
  async choose(
    question: string,
    choices: readonly { name: string; description: string }[],
    fallback: string,
  ): Promise<string> {
    const lines = choices.map((choice, index) => `  ${index + 1}. ${choice.name}  ${choice.description}`);
    process.stdout.write(`${question}\n${lines.join('\n')}\n`);
    for (;;) {
      const answer = (
        await this.readline.question(`Choose 1-${choices.length} or a name (${fallback}) `)
      ).trim();
      if (answer === '') return fallback;
      const byNumber = choices[Number(answer) - 1];
      const picked = /^\d+$/.test(answer) ? byNumber : choices.find((choice) => choice.name === answer);
      if (picked !== undefined) return picked.name;
      process.stdout.write(`  "${answer}" is not one of the choices\n`);
    }
  }

  /** Yes or no. */
  async confirm(question: string, fallback: boolean): Promise<boolean> {
    for (;;) {
      const answer = (await this.readline.question(`${question} (${fallback ? 'Y/n' : 'y/N'}) `))
        .trim()
        .toLowerCase();
      if (answer === '') return fallback;
      if (answer === 'y' || answer === 'yes') return true;
      if (answer === 'n' || answer === 'no') return false;
    }
  }

  close(): void {
    this.readline.close();
  }
}
