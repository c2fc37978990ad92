/** Calls `task` and gives its outcome as a promise, a synchronous throw becoming a rejection. */
export function callSafely<T>(task: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(task());
  } catch (error) {
    return Promise.reject(error);
  }
}
