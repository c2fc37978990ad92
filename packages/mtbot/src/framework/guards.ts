import type { Context } from './context';
import type { Guard } from './middleware';

function idSet(ids: Iterable<bigint | number>): ReadonlySet<bigint> {
  const set = new Set<bigint>();
  for (const id of ids) set.add(BigInt(id));
  return set;
}

/** Passes only updates from private chats (a user talking to the bot alone). */
export const privateChatOnly: Guard = (ctx) => ctx.chat?.type === 'private';

/**
 * Passes only updates from the given users.
 *
 * @example
 * ```ts
 * router.command('stats', showStats, { guards: [fromUsers(42n, 43n)] });
 * ```
 */
export function fromUsers(...userIds: (bigint | number)[]): Guard {
  const allowed = idSet(userIds);
  return (ctx) => ctx.from !== undefined && allowed.has(ctx.from.id);
}

/**
 * Passes only administrators: users in a fixed list of ids, or those a check says are admins (for
 * example one that asks the chat's admin list, cached).
 *
 * @example
 * ```ts
 * @UseGuards(adminOnly([42n]))
 * @Command('ban') ban(@Ctx() ctx: Context) { ... }
 * ```
 */
export function adminOnly<C extends Context = Context>(
  admins: Iterable<bigint | number> | ((ctx: C) => boolean | Promise<boolean>),
): Guard<C> {
  if (typeof admins === 'function') return admins;
  const allowed = idSet(admins);
  return (ctx) => ctx.from !== undefined && allowed.has(ctx.from.id);
}
