// What the updates benches' three parties say to each other: the harness thread (updates-flood-driver.ts),
// the client worker (updates-worker.ts) and the local DC's process (updates-dc-process.ts).

/** Which delivery path a bench measures: pushes to a running bot, or catch-up on start (getDifference). */
export type UpdatesPath = 'live' | 'catch-up';

/** Int32 slots shared by the harness thread and the worker. */
export const REQUESTED_PHASE = 0;
/** Updates delivered to the handler in {@link ACTIVE_PHASE}. */
export const DELIVERED = 1;
/** The phase the worker is in (its flood was started); DELIVERED counts for it. */
export const ACTIVE_PHASE = 2;
/** The last phase whose flood was delivered whole and checked. */
export const DONE_PHASE = 3;
export const STATUS = 4;
/** Messages in the warm-up and the measured flood, set before phase 1 is requested. */
export const WARMUP_COUNT = 5;
export const MEASURED_COUNT = 6;
export const SLOTS = 7;

/** Phase 1 warms up with a small flood; phase 2 is the measured one. */
export const WARMUP_PHASE = 1;
export const MEASURED_PHASE = 2;

/** What the worker is told when it starts. */
export interface UpdatesWorkerData {
  readonly path: UpdatesPath;
  readonly shared: SharedArrayBuffer;
}

/** The DC process's ready line. */
export interface UpdatesDcReady {
  readonly host: string;
  readonly port: number;
  readonly dcId: number;
  readonly publicKeyPem: string;
  readonly botToken: string;
}

/** A command to the DC process: users send `count` messages to the bot, texts `<tag>:<sequence>`. */
export interface UpdatesDcCommand {
  readonly tag: string;
  readonly count: number;
}

/** The DC process's answer once every message of a command was sent. */
export interface UpdatesDcSent {
  readonly tag: string;
  readonly sent: number;
}

/** The text of message `sequence` of a flood. */
export function floodText(tag: string, sequence: number): string {
  return `${tag}:${sequence}`;
}
