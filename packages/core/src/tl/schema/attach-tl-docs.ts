/**
 * Joins the documentation data file (`schema/api-docs.json`, written by scripts/refresh-schema.ts)
 * to a parsed schema, so the code generator can put each description into TSDoc.
 */
import type { TlCombinator, TlDoc, TlSchema } from './tl-ast';

/** The shape of `schema/api-docs.json`. */
export interface TlApiDocs {
  /** Description of each boxed type, by type name. */
  readonly types?: Readonly<Record<string, string>>;
  readonly constructors: Readonly<Record<string, TlDoc>>;
  readonly functions: Readonly<Record<string, TlDoc>>;
}

/**
 * Returns a copy of `schema` whose combinators carry `doc` from `docs`, matched by section and name.
 * Combinators without an entry are left as they are; the input is not modified.
 *
 * @example
 * ```ts
 * const schema = attachTlDocs(parseTlSchema(apiText), JSON.parse(docsText) as TlApiDocs)
 * ```
 */
export function attachTlDocs(schema: TlSchema, docs: TlApiDocs): TlSchema {
  const combinators = schema.combinators.map((combinator): TlCombinator => {
    const entries = combinator.section === 'types' ? docs.constructors : docs.functions;
    const doc = Object.prototype.hasOwnProperty.call(entries, combinator.name)
      ? entries[combinator.name]
      : undefined;
    return doc ? { ...combinator, doc } : combinator;
  });
  return { ...schema, combinators };
}
