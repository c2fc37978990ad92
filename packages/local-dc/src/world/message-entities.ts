/**
 * Checks of message entities (core.telegram.org/api/entities): offsets and lengths count UTF-16 code
 * units, as JavaScript strings do, and every entity must lie inside the text it styles.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';

/**
 * The entities to store with `text`: undefined for none. Throws `400 ENTITY_BOUNDS_INVALID` for an
 * entity that starts before the text, has a negative length or ends past the text.
 */
export function checkedEntities(
  text: string,
  entities: readonly Api.TypeMessageEntity[] | undefined,
): Api.TypeMessageEntity[] | undefined {
  if (entities === undefined || entities.length === 0) return undefined;
  for (const entity of entities) {
    if (entity.offset < 0 || entity.length < 0 || entity.offset + entity.length > text.length) {
      throw new RpcError(400, 'ENTITY_BOUNDS_INVALID');
    }
  }
  return [...entities];
}

/** Whether two entity lists style the text the same way (for MESSAGE_NOT_MODIFIED). */
export function sameEntities(
  left: readonly Api.TypeMessageEntity[] | undefined,
  right: readonly Api.TypeMessageEntity[] | undefined,
): boolean {
  const text = (entities: readonly Api.TypeMessageEntity[] | undefined): string =>
    JSON.stringify(entities ?? [], (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
  return text(left) === text(right);
}
