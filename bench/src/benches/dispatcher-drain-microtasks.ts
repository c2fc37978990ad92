import { setFlagsFromString } from 'node:v8';

// The harness times synchronous operations, but dispatching an update is a chain of promises. V8's
// own checkpoint runs every queued microtask now, so one operation is one update handled to the
// end (its reply intercepted), with no event-loop turn (and no timer or I/O noise) in between.
setFlagsFromString('--allow-natives-syntax');
const checkpoint = new Function('%PerformMicrotaskCheckpoint()') as () => void;

/** Runs every pending promise reaction until the microtask queue is empty. */
export function drainMicrotasks(): void {
  checkpoint();
}
