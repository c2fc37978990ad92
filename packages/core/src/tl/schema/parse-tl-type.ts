/**
 * Parses one TL type expression, the part after `name:` in a parameter or after `=` in a combinator
 * (core.telegram.org/mtproto/TL-types, /mtproto/TL-combinators): `int`, `Vector<long>`, `%Message`,
 * `vector<%Message>`, `!X`, `#`, `true`, `messages.Messages`, `future_salt`.
 */
import type { TlPrimitiveName, TlTypeExpr } from './tl-ast';

/** Called with a description of what is wrong; throws, so callers can attach the line. */
export type TlSyntaxFailure = (message: string) => never;

const PRIMITIVES: ReadonlySet<string> = new Set<TlPrimitiveName>([
  'int',
  'long',
  'double',
  'string',
  'bytes',
  'int128',
  'int256',
  'Bool',
]);

/** `name` or `namespace.name`, each part starting with a letter. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/;

/** True when the last part of a (possibly namespaced) name starts with an upper-case letter. */
export function isBoxedName(name: string): boolean {
  const lastPart = name.slice(name.lastIndexOf('.') + 1);
  const first = lastPart.charAt(0);
  return first >= 'A' && first <= 'Z';
}

/**
 * Parses `text` as a type expression.
 *
 * @param generics - names declared with `{X:Type}` on the same line; a bare use of one (`= X`) or a
 *   `!X` refers to it.
 * @param fail - throws with a message; called on any syntax error.
 */
export function parseTlType(text: string, generics: ReadonlySet<string>, fail: TlSyntaxFailure): TlTypeExpr {
  if (text === '#') return { kind: 'flags' };
  if (text === 'true') return { kind: 'true' };

  if (text.startsWith('!')) {
    const name = text.slice(1);
    if (!generics.has(name)) fail(`"!${name}" names no {${name}:Type} parameter`);
    return { kind: 'generic', name, bang: true };
  }

  const bare = text.startsWith('%');
  const body = bare ? text.slice(1) : text;

  const open = body.indexOf('<');
  if (open !== -1) {
    if (!body.endsWith('>')) fail(`unbalanced "<" in type "${text}"`);
    const outer = body.slice(0, open);
    if (outer !== 'Vector' && outer !== 'vector')
      fail(`only Vector<T> and vector<T> take a type argument, not "${outer}"`);
    const inner = body.slice(open + 1, -1);
    if (inner === '') fail(`empty type argument in "${text}"`);
    const element = parseTlType(inner, generics, fail);
    if (element.kind === 'flags' || element.kind === 'true') fail(`"${inner}" cannot be a vector element`);
    return { kind: 'vector', boxed: outer === 'Vector' && !bare, element };
  }

  if (!IDENTIFIER.test(body)) fail(`"${text}" is not a type`);
  if (!bare && generics.has(body)) return { kind: 'generic', name: body, bang: false };
  if (!bare && PRIMITIVES.has(body)) return { kind: 'primitive', name: body as TlPrimitiveName };
  if (bare && !isBoxedName(body)) fail(`"%" applies to a type name, not the constructor "${body}"`);
  return { kind: 'named', name: body, boxed: !bare && isBoxedName(body) };
}
