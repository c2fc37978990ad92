import type { Api, CachedUser } from 'telegram-mtproto-core';

/** A Telegram user or bot as the bot sees it. */
export interface User {
  readonly id: bigint;
  readonly isBot: boolean;
  readonly firstName: string;
  readonly lastName?: string;
  readonly username?: string;
}

/** The {@link User} of a TL user; `userEmpty` (a deleted or unknown account) keeps only its id. */
export function userFromApi(user: Api.TypeUser): User {
  if (user._ === 'userEmpty') return { id: user.id, isBot: false, firstName: '' };
  return {
    id: user.id,
    isBot: user.bot === true,
    firstName: user.first_name ?? '',
    ...(user.last_name !== undefined && { lastName: user.last_name }),
    ...(user.username !== undefined && { username: user.username }),
  };
}

/** The {@link User} of a peer cache entry (what is left when an update carried no user object). */
export function userFromCache(user: CachedUser): User {
  return {
    id: user.id,
    isBot: user.bot,
    firstName: user.firstName ?? '',
    ...(user.lastName !== undefined && { lastName: user.lastName }),
    ...(user.usernames[0] !== undefined && { username: user.usernames[0] }),
  };
}
