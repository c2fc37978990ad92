/** Why create-mtbot stopped; each reason has its own exit code so scripts can tell them apart. */
export type CreateErrorReason =
  | 'usage' // a bad or missing flag, an invalid name
  | 'target-exists' // the directory is there and not empty, and --force was not given
  | 'template' // an unknown or broken template
  | 'local-packages' // --local-packages points at something unusable
  | 'command-failed' // install or git failed
  | 'cancelled'; // the person at the terminal said no

const EXIT_CODES: Record<CreateErrorReason, number> = {
  usage: 2,
  'target-exists': 3,
  template: 4,
  'local-packages': 5,
  'command-failed': 6,
  cancelled: 130,
};

/**
 * An error create-mtbot reports as one clear line (plus an optional hint) and a non-zero exit code.
 * create-mtbot imports nothing of the other mtbot packages (DESIGN.md), so this is not an MtbotError.
 */
export class CreateError extends Error {
  override readonly name = 'CreateError';

  constructor(
    readonly reason: CreateErrorReason,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The process exit code for this error. */
  get exitCode(): number {
    return EXIT_CODES[this.reason];
  }
}
