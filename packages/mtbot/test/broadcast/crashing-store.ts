import type { KeyValueStore } from '../../src/stores/key-value-store';

/** The error a simulated crash raises. */
export class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

/**
 * Wraps a store and "crashes the process" at operation number `crashAt` (0 is the first get, set or
 * delete): that operation and every later one fail without touching the inner store, as if the
 * process had died there. The inner store keeps what was written before, like a disk would.
 */
export class CrashingStore implements KeyValueStore {
  operations = 0;

  constructor(
    private readonly inner: KeyValueStore,
    private readonly crashAt: number,
  ) {}

  get crashed(): boolean {
    return this.operations > this.crashAt;
  }

  get(key: string): Promise<string | undefined> {
    return this.step(() => this.inner.get(key));
  }

  set(key: string, value: string): Promise<void> {
    return this.step(() => this.inner.set(key, value));
  }

  delete(key: string): Promise<void> {
    return this.step(() => this.inner.delete(key));
  }

  private async step<T>(operation: () => Promise<T>): Promise<T> {
    if (this.operations++ >= this.crashAt) throw new SimulatedCrash('the process died here');
    return operation();
  }
}
