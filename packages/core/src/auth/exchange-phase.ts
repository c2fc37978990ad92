import { SecurityError } from '../errors/security-error';

/**
 * Where one side of an auth key exchange (core.telegram.org/mtproto/auth_key) stands, with the rule
 * both sides keep: a step runs only in its own phase, and any failure ends the exchange (phase
 * `failed`), so a half-checked state is never reused.
 */
export class ExchangePhase<Phase extends string> {
  constructor(private phase: Phase | 'failed') {}

  get current(): Phase | 'failed' {
    return this.phase;
  }

  /** Moves to `phase`. */
  enter(phase: Phase | 'failed'): void {
    this.phase = phase;
  }

  /** Throws a SecurityError unless the exchange is in `phase`; `what` names the arriving message. */
  expect(phase: Phase, what: string): void {
    if (this.phase !== phase) throw new SecurityError(`${what} arrived out of order (phase ${this.phase})`);
  }

  /** Runs a step; any failure ends the exchange. */
  guard<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      this.phase = 'failed';
      throw error;
    }
  }
}
