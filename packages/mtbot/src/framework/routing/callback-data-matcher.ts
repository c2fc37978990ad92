import { RouteDefinitionError } from '../errors/route-definition-error';

/** Telegram refuses callback data longer than this, so a longer literal pattern could never match. */
const maxCallbackDataBytes = 64;
const paramNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Leaf<T> {
  readonly value: T;
  /** Names of the pattern's `:params`, in the order their values are collected. */
  readonly paramNames: readonly string[];
  readonly source: string;
}

interface TrieNode<T> {
  readonly literals: Map<string, TrieNode<T>>;
  param: TrieNode<T> | undefined;
  leaf: Leaf<T> | undefined;
}

function newNode<T>(): TrieNode<T> {
  return { literals: new Map(), param: undefined, leaf: undefined };
}

/** A callback data pattern that matched, and its named parameters. */
export interface CallbackDataMatch<T> {
  readonly value: T;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Matches callback data against patterns such as `menu`, `item/:id` or `page/:n/size/:size`, compiled
 * into a trie over the `/`-separated segments: each segment is one Map lookup (a literal wins over a
 * `:param`, with backtracking when the literal branch dead-ends), so the cost depends on the data's
 * length, not on how many patterns there are.
 *
 * @example
 * ```ts
 * const matcher = new CallbackDataMatcher<string>();
 * matcher.add('item/:id', 'show item', "router.callbackQuery('item/:id')");
 * matcher.match('item/42'); // { value: 'show item', params: { id: '42' } }
 * ```
 */
export class CallbackDataMatcher<T> {
  private readonly root: TrieNode<T> = newNode();
  private readonly values: string[] = [];

  /** Adds a pattern; throws {@link RouteDefinitionError} for a malformed pattern or one already taken. */
  add(pattern: string, value: T, source: string): void {
    if (pattern.length === 0) {
      throw new RouteDefinitionError(source, 'a callback data pattern may not be empty');
    }
    const segments = pattern.split('/');
    const paramNames: string[] = [];
    let literalBytes = 0;
    let node = this.root;
    for (const segment of segments) {
      if (segment.startsWith(':')) {
        const name = segment.slice(1);
        if (!paramNamePattern.test(name)) {
          throw new RouteDefinitionError(
            source,
            `bad parameter "${segment}" in callback pattern "${pattern}": write :name with letters, digits or _`,
          );
        }
        if (paramNames.includes(name)) {
          throw new RouteDefinitionError(
            source,
            `parameter :${name} appears twice in callback pattern "${pattern}"`,
          );
        }
        paramNames.push(name);
        literalBytes += 1;
        node.param ??= newNode();
        node = node.param;
      } else {
        literalBytes += Buffer.byteLength(segment);
        let next = node.literals.get(segment);
        if (next === undefined) {
          next = newNode();
          node.literals.set(segment, next);
        }
        node = next;
      }
    }
    literalBytes += segments.length - 1;
    if (literalBytes > maxCallbackDataBytes) {
      throw new RouteDefinitionError(
        source,
        `callback pattern "${pattern}" needs more than ${maxCallbackDataBytes} bytes of data, which Telegram never sends`,
      );
    }
    if (node.leaf !== undefined) {
      throw new RouteDefinitionError(
        source,
        `callback pattern "${pattern}" is already handled by ${node.leaf.source} (same literal segments and parameter positions)`,
      );
    }
    node.leaf = { value, paramNames, source };
  }

  /** The pattern that matches `data` and its parameters, or undefined. */
  match(data: string): CallbackDataMatch<T> | undefined {
    const values = this.values;
    values.length = 0;
    const leaf = this.walk(this.root, data, 0);
    if (leaf === undefined) return undefined;
    if (leaf.paramNames.length === 0) return { value: leaf.value, params: {} };
    const params: Record<string, string> = {};
    for (let index = 0; index < leaf.paramNames.length; index += 1) {
      params[leaf.paramNames[index]] = values[index];
    }
    return { value: leaf.value, params };
  }

  private walk(node: TrieNode<T>, data: string, start: number): Leaf<T> | undefined {
    const slash = data.indexOf('/', start);
    const end = slash === -1 ? data.length : slash;
    const segment = data.slice(start, end);
    const literal = node.literals.get(segment);
    if (literal !== undefined) {
      const found = slash === -1 ? literal.leaf : this.walk(literal, data, slash + 1);
      if (found !== undefined) return found;
    }
    // A parameter takes one non-empty segment; its value is kept only if the rest matches too.
    if (node.param !== undefined && end > start) {
      const depth = this.values.length;
      this.values.push(segment);
      const found = slash === -1 ? node.param.leaf : this.walk(node.param, data, slash + 1);
      if (found !== undefined) return found;
      this.values.length = depth;
    }
    return undefined;
  }
}
