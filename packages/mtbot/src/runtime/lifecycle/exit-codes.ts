/**
 * Process exit codes of a service run by the {@link ServiceRunner}, so an orchestrator (systemd,
 * Kubernetes, a shell script) can tell how it ended.
 */
export const ExitCode = {
  /** Stopped on request; all work in flight finished. */
  Clean: 0,
  /** An uncaught exception, unhandled rejection or a part that failed to stop. */
  Failure: 1,
  /** A part failed to start (bad configuration, unreachable server); nothing ran. */
  StartupFailed: 2,
  /** The shutdown timeout cut work that was still in flight. */
  ShutdownTimeout: 3,
  /** A second signal forced the exit before the graceful stop ended. */
  Forced: 4,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
