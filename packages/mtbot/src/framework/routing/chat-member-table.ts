import { RouteDefinitionError } from '../errors/route-definition-error';
import { routableMemberStatuses, type RoutableMemberStatus } from '../routable-update';

/** Which membership changes a chat member route takes; an omitted side matches any status. */
export interface ChatMemberFilter {
  readonly oldStatus?: RoutableMemberStatus | readonly RoutableMemberStatus[];
  readonly newStatus?: RoutableMemberStatus | readonly RoutableMemberStatus[];
}

interface Entry<T> {
  readonly oldStatuses: ReadonlySet<string> | undefined;
  readonly value: T;
  readonly source: string;
}

function statusSet(
  statuses: RoutableMemberStatus | readonly RoutableMemberStatus[] | undefined,
  source: string,
): ReadonlySet<string> | undefined {
  if (statuses === undefined) return undefined;
  const list: readonly string[] = typeof statuses === 'string' ? [statuses] : statuses;
  for (const status of list) {
    if (!routableMemberStatuses.has(status)) {
      throw new RouteDefinitionError(
        source,
        `unknown member status "${status}"; expected one of ${[...routableMemberStatuses].join(', ')}`,
      );
    }
  }
  return new Set(list);
}

/**
 * Chat member routes keyed by the new status (one Map lookup), then the first whose old-status filter
 * passes, in registration order. The same filter registered twice conflicts.
 */
export class ChatMemberTable<T> {
  private readonly byNewStatus = new Map<string, Entry<T>[]>();
  private readonly keys = new Map<string, string>();

  add(filter: ChatMemberFilter | undefined, value: T, source: string): void {
    const oldStatuses = statusSet(filter?.oldStatus, source);
    const newStatuses = statusSet(filter?.newStatus, source) ?? routableMemberStatuses;
    const key = `${[...(oldStatuses ?? ['*'])].sort().join(',')}>${[...newStatuses].sort().join(',')}`;
    const existing = this.keys.get(key);
    if (existing !== undefined) {
      throw new RouteDefinitionError(source, `the same chat member filter is already handled by ${existing}`);
    }
    this.keys.set(key, source);
    for (const status of newStatuses) {
      const entries = this.byNewStatus.get(status) ?? [];
      entries.push({ oldStatuses, value, source });
      this.byNewStatus.set(status, entries);
    }
  }

  lookup(oldStatus: RoutableMemberStatus, newStatus: RoutableMemberStatus): T | undefined {
    const entries = this.byNewStatus.get(newStatus);
    if (entries === undefined) return undefined;
    for (const entry of entries) {
      if (entry.oldStatuses === undefined || entry.oldStatuses.has(oldStatus)) return entry.value;
    }
    return undefined;
  }
}
