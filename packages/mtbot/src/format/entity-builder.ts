import type { Api } from 'telegram-mtproto-core';

/**
 * Collects entities while a parser walks its input: an entity is opened at the current text length
 * and given its length when it closes. `finish` drops empty entities and orders the rest by offset,
 * parent before child (longer first; equal ranges keep their opening order).
 */
export class EntityBuilder {
  private readonly entities: Api.TypeMessageEntity[] = [];

  /** Records `entity` (its `length` is set by {@link close}) and returns it. */
  open<E extends Api.TypeMessageEntity>(entity: E): E {
    this.entities.push(entity);
    return entity;
  }

  /** Ends `entity` at `end` (an offset in the text being built). */
  close(entity: Api.TypeMessageEntity, end: number): void {
    entity.length = end - entity.offset;
  }

  /** Puts `replacement` where `entity` was (same place in the opening order). */
  replace(entity: Api.TypeMessageEntity, replacement: Api.TypeMessageEntity): void {
    this.entities[this.entities.indexOf(entity)] = replacement;
  }

  /** The entities, empty ones dropped, sorted by offset and then outermost first. */
  finish(): Api.TypeMessageEntity[] {
    return sortEntities(this.entities.filter((entity) => entity.length > 0));
  }
}

/** `entities` ordered by offset, longer first at one offset; a stable sort keeps equal ranges in order. */
export function sortEntities(entities: Api.TypeMessageEntity[]): Api.TypeMessageEntity[] {
  return [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
}
