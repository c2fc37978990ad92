// The shared counters between a loopback bench (main thread) and its worker (loopback-worker.ts).

/** What one operation is: a key exchange, one call awaited, or one call completed of a pipeline. */
export type LoopbackMode = 'key-exchange' | 'sequential' | 'pipelined';

/** Int32 slots: operations asked for by the main thread, operations done by the worker, status. */
export const REQUESTED = 0;
export const COMPLETED = 1;
export const STATUS = 2;
export const READY = 1;
export const FAILED = -1;
