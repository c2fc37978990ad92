/**
 * The facts the code generator needs about one parsed schema, worked out once: which constructors
 * belong to which boxed type, what a bare reference (`%Message`, `future_salt`) points at, the least
 * number of bytes a value of each type takes (for vector count checks), and that the TypeScript names
 * derived from TL names do not collide. Anything the generator cannot handle is a TlSchemaError
 * naming the schema line, found here rather than as broken generated code.
 */
import { TlSchemaError } from '../../errors/tl-schema-error';
import type { TlCombinator, TlSchema, TlTypeExpr } from '../schema/tl-ast';
import { constructorTypeName, methodTypeName, unionTypeName } from './tl-names';

/** The TL type that stands for "any boxed object" (`rpc_result result:Object`). */
export const ANY_OBJECT_TYPE = 'Object';

/** Constructors whose decoding the runtime does itself, wherever an object is expected. */
export const RUNTIME_DECODED_CONSTRUCTORS: ReadonlySet<string> = new Set(['gzip_packed']);

/** A schema prepared for code generation. */
export interface TlSchemaModel {
  readonly layer?: number;
  /** Constructors the codec handles, in schema order (Bool's boolTrue/boolFalse are built in). */
  readonly constructors: readonly TlCombinator[];
  readonly methods: readonly TlCombinator[];
  /** Boxed type name → its constructors, types in order of first appearance. */
  readonly types: ReadonlyMap<string, readonly TlCombinator[]>;
  /** The constructor a bare named reference stands for. */
  bareConstructor(expr: Extract<TlTypeExpr, { kind: 'named' }>): TlCombinator;
  /** Least number of bytes a value of `expr` takes on the wire. */
  minSize(expr: TlTypeExpr): number;
}

/** Formats a type expression back to TL syntax: `flags.2?Vector<%Message>` without the condition. */
export function formatTlType(expr: TlTypeExpr): string {
  switch (expr.kind) {
    case 'flags':
      return '#';
    case 'true':
      return 'true';
    case 'primitive':
      return expr.name;
    case 'vector':
      return `${expr.boxed ? 'Vector' : 'vector'}<${formatTlType(expr.element)}>`;
    case 'named':
      return expr.boxed || !/^[A-Z]|\.[A-Z]/.test(expr.name) ? expr.name : `%${expr.name}`;
    case 'generic':
      return `${expr.bang ? '!' : ''}${expr.name}`;
  }
}

/** Formats a combinator back to one TL line, for doc comments and error messages. */
export function formatTlCombinator(combinator: TlCombinator): string {
  const parts = [`${combinator.name}#${(combinator.id >>> 0).toString(16).padStart(8, '0')}`];
  for (const generic of combinator.generics) parts.push(`{${generic.name}:${generic.bound}}`);
  for (const param of combinator.params) {
    const condition = param.condition ? `${param.condition.field}.${param.condition.bit}?` : '';
    parts.push(`${param.name}:${condition}${formatTlType(param.type)}`);
  }
  return `${parts.join(' ')} = ${formatTlType(combinator.result)};`;
}

function schemaError(combinator: TlCombinator, message: string): TlSchemaError {
  return new TlSchemaError(message, combinator.line, formatTlCombinator(combinator));
}

/** Prepares `schema` for code generation. @throws {@link TlSchemaError} on anything it cannot generate. */
export function buildTlSchemaModel(schema: TlSchema): TlSchemaModel {
  const constructors: TlCombinator[] = [];
  const methods: TlCombinator[] = [];
  const types = new Map<string, TlCombinator[]>();
  const constructorsByName = new Map<string, TlCombinator>();
  const tsNames = new Map<string, TlCombinator>();

  const claimName = (tsName: string, combinator: TlCombinator): void => {
    const earlier = tsNames.get(tsName);
    if (earlier !== undefined && earlier !== combinator) {
      throw schemaError(combinator, `its TypeScript name ${tsName} is already taken by ${earlier.name}`);
    }
    tsNames.set(tsName, combinator);
  };

  for (const combinator of schema.combinators) {
    if (combinator.section === 'functions') {
      methods.push(combinator);
      claimName(methodTypeName(combinator.name), combinator);
      continue;
    }
    // boolTrue/boolFalse: Bool is a primitive of the runtime.
    if (combinator.result.kind !== 'named') continue;
    const typeName = combinator.result.name;
    constructors.push(combinator);
    constructorsByName.set(combinator.name, combinator);
    claimName(constructorTypeName(combinator.name), combinator);
    const members = types.get(typeName);
    if (members === undefined) {
      types.set(typeName, [combinator]);
      claimName(unionTypeName(typeName), combinator);
    } else {
      members.push(combinator);
    }
  }
  const names = new Set([...constructors, ...methods].map((combinator) => combinator.name));
  if (names.size !== constructors.length + methods.length) {
    const seen = new Set<string>();
    for (const combinator of [...constructors, ...methods]) {
      if (seen.has(combinator.name))
        throw schemaError(combinator, `the name ${combinator.name} is used twice`);
      seen.add(combinator.name);
    }
  }

  const bareConstructor = (expr: Extract<TlTypeExpr, { kind: 'named' }>): TlCombinator => {
    const direct = constructorsByName.get(expr.name);
    if (direct !== undefined) return direct;
    const members = types.get(expr.name);
    if (members !== undefined && members.length === 1) return members[0];
    throw new Error(`bare reference ${formatTlType(expr)} names no constructor, nor a type with exactly one`);
  };

  const sizes = new Map<string, number>();
  const constructorMinSize = (combinator: TlCombinator): number => {
    const known = sizes.get(combinator.name);
    if (known !== undefined) return known;
    // A constructor that contains itself bare would be infinite; 0 stops the recursion safely.
    sizes.set(combinator.name, 0);
    let size = 0;
    for (const param of combinator.params) if (param.condition === undefined) size += minSize(param.type);
    sizes.set(combinator.name, size);
    return size;
  };
  const minSize = (expr: TlTypeExpr): number => {
    switch (expr.kind) {
      case 'true':
        return 0;
      case 'flags':
        return 4;
      case 'primitive':
        return expr.name === 'long' || expr.name === 'double'
          ? 8
          : expr.name === 'int128'
            ? 16
            : expr.name === 'int256'
              ? 32
              : 4;
      case 'vector':
        return expr.boxed ? 8 : 4;
      case 'named':
        return expr.boxed ? 4 : constructorMinSize(bareConstructor(expr));
      case 'generic':
        return 4;
    }
  };

  // Every referenced type must be generable: check now, with the line of the combinator using it.
  const check = (combinator: TlCombinator, expr: TlTypeExpr): void => {
    if (expr.kind === 'vector') return check(combinator, expr.element);
    if (expr.kind !== 'named') return;
    if (expr.boxed) {
      if (expr.name !== ANY_OBJECT_TYPE && !types.has(expr.name)) {
        throw schemaError(combinator, `type ${expr.name} has no constructor in this schema`);
      }
      return;
    }
    try {
      bareConstructor(expr);
    } catch (error) {
      throw schemaError(combinator, (error as Error).message);
    }
  };
  for (const combinator of [...constructors, ...methods]) {
    for (const param of combinator.params) check(combinator, param.type);
    if (combinator.section === 'functions') check(combinator, combinator.result);
  }

  return {
    ...(schema.layer === undefined ? {} : { layer: schema.layer }),
    constructors,
    methods,
    types,
    bareConstructor,
    minSize,
  };
}
