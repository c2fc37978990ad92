/** The terminal chat's input as lines, whatever it comes as: a text stream or strings. */
import { createInterface, type Interface } from 'node:readline';

/** A text stream (split on newlines), or strings each holding one or more lines. */
export type ChatInput = NodeJS.ReadableStream | AsyncIterable<string> | Iterable<string>;

const isStream = (input: ChatInput): input is NodeJS.ReadableStream =>
  typeof (input as NodeJS.ReadableStream).pipe === 'function' &&
  typeof (input as NodeJS.ReadableStream).on === 'function';

/** Lines of strings given directly: an item may hold several lines; `\r\n` counts as one break. */
async function* linesOfStrings(input: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  for await (const item of input) yield* item.split(/\r?\n/);
}

/** The input's lines; `readline` is the interface reading a stream (to prompt and close it). */
export function inputLines(
  input: ChatInput,
  terminal?: { readonly output: NodeJS.WritableStream; readonly prompt: string },
): { readonly lines: AsyncIterable<string>; readonly readline: Interface | undefined } {
  if (!isStream(input)) return { lines: linesOfStrings(input), readline: undefined };
  const readline = createInterface({
    input,
    crlfDelay: Infinity,
    ...(terminal === undefined ? { terminal: false } : { output: terminal.output, terminal: true }),
  });
  if (terminal !== undefined) {
    readline.setPrompt(terminal.prompt);
    // Ctrl-C ends the chat like the end of the input does (readline would only pause).
    readline.on('SIGINT', () => readline.close());
  }
  return { lines: readline, readline };
}
