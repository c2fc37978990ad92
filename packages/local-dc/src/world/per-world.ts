/**
 * One companion object per {@link World}, made on first use: the emitters that carry announcements
 * the world's own events do not (deletions, typing), kept out of the World class.
 */
import type { World } from './world';

/** Returns the function that gives `world`'s object, made by `create` the first time. */
export function perWorld<T>(create: () => T): (world: World) => T {
  const byWorld = new WeakMap<World, T>();
  return (world) => {
    let value = byWorld.get(world);
    if (value === undefined) {
      value = create();
      byWorld.set(world, value);
    }
    return value;
  };
}
