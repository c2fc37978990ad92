/**
 * The parsed form of a TL schema (core.telegram.org/mtproto/TL): what the parser produces and the
 * code generator consumes. Plain data, so it can be snapshot-tested and serialised.
 */

/** A type expression as written in a parameter or result, e.g. `flags.3?Vector<InputUser>`. */
export type TlTypeExpr =
  /** `#`: the 32-bit field that holds flag bits. */
  | { readonly kind: 'flags' }
  /** `true`: a flag that takes no bytes; its presence is its bit. Only valid under a condition. */
  | { readonly kind: 'true' }
  /** `int`, `long`, `double`, `string`, `bytes`, `int128`, `int256` (and `Bool`, boxed but special-cased). */
  | { readonly kind: 'primitive'; readonly name: TlPrimitiveName }
  /** `Vector<T>` (boxed, with the vector constructor id) or `vector<T>` / `%Vector<T>` (bare). */
  | { readonly kind: 'vector'; readonly boxed: boolean; readonly element: TlTypeExpr }
  /**
   * A named type or constructor. `boxed` is true for a type name (`InputPeer`, `messages.Messages`:
   * encoded with its constructor id) and false for a bare constructor reference (`%Message`,
   * `message`): encoded without one.
   */
  | { readonly kind: 'named'; readonly name: string; readonly boxed: boolean }
  /** A generic parameter used as a type: `X` in `query:!X`. `bang` is the `!` (any boxed object). */
  | { readonly kind: 'generic'; readonly name: string; readonly bang: boolean };

export type TlPrimitiveName = 'int' | 'long' | 'double' | 'string' | 'bytes' | 'int128' | 'int256' | 'Bool';

/** `flags.3?` on a parameter: present when bit `bit` of the `#` field `field` is set. */
export interface TlCondition {
  readonly field: string;
  readonly bit: number;
}

export interface TlParam {
  readonly name: string;
  readonly type: TlTypeExpr;
  readonly condition?: TlCondition;
}

/** A `{X:Type}` generic parameter of a function (`invokeWithLayer`, `initConnection`, ...). */
export interface TlGenericParam {
  readonly name: string;
  /** Always `Type` in Telegram's schemas. */
  readonly bound: string;
}

/** One combinator line: a constructor (types section) or a method (functions section). */
export interface TlCombinator {
  readonly section: 'types' | 'functions';
  /** Full name with namespace, e.g. `messages.sendMessage`, `inputPeerUser`. */
  readonly name: string;
  /** Constructor id, unsigned 32-bit. Checked against the CRC32 of the normalised line. */
  readonly id: number;
  readonly generics: readonly TlGenericParam[];
  readonly params: readonly TlParam[];
  /** Result type: the boxed type a constructor belongs to, or the type a method returns. */
  readonly result: TlTypeExpr;
  /** 1-based line in the source text, for error messages. */
  readonly line: number;
  /** Documentation, when attached (see `attachTlDocs`): descriptions and, for functions, who may call them. */
  readonly doc?: TlDoc;
}

/** Documentation of one combinator, from `schema/api-docs.json`. Descriptions may hold HTML links. */
export interface TlDoc {
  readonly description?: string;
  /** Description of each parameter, by parameter name. */
  readonly params?: Readonly<Record<string, string>>;
  /** Functions only: whether user accounts, bots or both may call it. */
  readonly usableBy?: 'users' | 'bots' | 'both';
  /** Functions only: RPC errors it is documented to return. */
  readonly throws?: readonly {
    readonly code: number;
    readonly name: string;
    readonly description?: string;
  }[];
}

/**
 * A line that declares a built-in type rather than a combinator the codecs write field by field:
 * `int ? = Int;`, `vector {t:Type} # [ t ] = Vector t;`, `int128 4*[ int ] = Int128;`. The parser
 * accepts and records them; the code generator knows these types natively.
 */
export interface TlBuiltin {
  readonly section: 'types' | 'functions';
  /** The name before `#` or the first space: `int`, `vector`, `int128`. */
  readonly name: string;
  /** The explicit `#id`, when the line has one (Telegram's `vector#1cb5c415`); checked like any other. */
  readonly id?: number;
  /** The line as written, trimmed, without a trailing comment. */
  readonly text: string;
  readonly line: number;
}

export interface TlSchema {
  /** API layer, when the source records it (`// LAYER 227`). */
  readonly layer?: number;
  readonly combinators: readonly TlCombinator[];
  /** Built-in declarations found in the text, in source order; not part of `combinators`. */
  readonly builtins: readonly TlBuiltin[];
}
