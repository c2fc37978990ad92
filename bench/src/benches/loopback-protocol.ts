// What the loopback benches' harness thread (loopback-driver.ts) tells its worker (loopback-worker.ts).

/** What one operation is: a key exchange, one call awaited, or one call completed of a pipeline. */
export type LoopbackMode = 'key-exchange' | 'sequential' | 'pipelined';
