/**
 * The error `run` throws when `isInstance` recognises it; fails the test when `run` throws nothing or
 * something else.
 */
export function errorOf<E>(run: () => unknown, isInstance: (value: unknown) => value is E): E {
  try {
    run();
  } catch (error) {
    if (isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}
