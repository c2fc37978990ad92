/**
 * How urgent a send is. Under load `reply` (answers to users) goes before `normal`, and `normal`
 * before `bulk` (broadcasts, digests); a send that waited long enough is served as if it were a
 * reply, so bulk is slowed down, never starved.
 */
export type SendPriority = 'reply' | 'normal' | 'bulk';

/** Priorities from most to least urgent; the index is the rank. */
export const SEND_PRIORITIES: readonly SendPriority[] = ['reply', 'normal', 'bulk'];
