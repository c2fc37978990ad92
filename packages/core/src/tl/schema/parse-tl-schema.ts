/**
 * Parses TL schema text (core.telegram.org/mtproto/TL, /mtproto/TL-combinators, /mtproto/TL-types)
 * into the plain-data AST of `tl-ast.ts`, one declaration per line as Telegram writes its schemas
 * (core.telegram.org/schema, /schema/mtproto), and checks every constructor id against its CRC32.
 */
import { TlSchemaError } from '../../errors/tl-schema-error';
import { parseTlType, type TlSyntaxFailure } from './parse-tl-type';
import type { TlBuiltin, TlCombinator, TlGenericParam, TlParam, TlSchema } from './tl-ast';
import { computeTlConstructorId, normaliseTlDeclaration } from './tl-constructor-id';

/** Options of {@link parseTlSchema}. */
export interface ParseTlSchemaOptions {
  /**
   * Check each explicit `#id` against the CRC32 of its normalised line (default `true`). Turn off only
   * to read a schema known to carry ids that were assigned by hand.
   */
  readonly verifyIds?: boolean;
}

type Section = 'types' | 'functions';

/** `name`, `namespace.name`, optionally followed by `#` and up to 8 hex digits. */
const HEAD = /^([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)?)(?:#([0-9a-fA-F]{1,8}))?$/;
const SECTION = /^---([A-Za-z]+)---$/;
const LAYER = /^\/\/\s*LAYER\s+(\d+)\s*$/i;
const GENERIC = /^\{([A-Za-z][A-Za-z0-9_]*):([A-Za-z][A-Za-z0-9_]*)\}$/;
const PARAMETER = /^([A-Za-z_][A-Za-z0-9_]*):(.+)$/;
const CONDITION = /^([A-Za-z_][A-Za-z0-9_]*)\.(\d+)\?(.+)$/;

/**
 * Parses a whole schema.
 *
 * Accepts `---types---` / `---functions---` sections, `//` comments (a `// LAYER N` comment records
 * the layer), blank lines, and Telegram's builtin declarations (`int ? = Int;`,
 * `vector {t:Type} # [ t ] = Vector t;`, `int128 4*[ int ] = Int128;`), which are returned apart in
 * `builtins`. A line may omit its `#id`; the id is then the CRC32 of the line.
 *
 * @throws {@link TlSchemaError} naming the line number and text, on a syntax error, a duplicate
 *   constructor id, or an id that does not match the CRC32 of its line.
 *
 * @example
 * ```ts
 * const schema = parseTlSchema('boolTrue#997275b5 = Bool;\n---functions---\nping#7abe77ec ping_id:long = Pong;')
 * schema.combinators[1] // { section: 'functions', name: 'ping', id: 0x7abe77ec, params: [...], ... }
 * ```
 */
export function parseTlSchema(text: string, options: ParseTlSchemaOptions = {}): TlSchema {
  const verifyIds = options.verifyIds ?? true;
  const combinators: TlCombinator[] = [];
  const builtins: TlBuiltin[] = [];
  const lineOfId = new Map<number, number>();
  let layer: number | undefined;
  let section: Section = 'types';

  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    const raw = lines[index];
    const fail: TlSyntaxFailure = (message) => {
      throw new TlSchemaError(message, lineNumber, raw.trim());
    };

    const commentStart = raw.indexOf('//');
    if (commentStart !== -1) {
      const layerMatch = LAYER.exec(raw.slice(commentStart).trim());
      if (layerMatch) layer = Number(layerMatch[1]);
    }
    const content = (commentStart === -1 ? raw : raw.slice(0, commentStart)).trim();
    if (content === '') continue;

    const sectionMatch = SECTION.exec(content);
    if (sectionMatch) {
      const name = sectionMatch[1];
      if (name !== 'types' && name !== 'functions') fail(`unknown section "---${name}---"`);
      section = name as Section;
      continue;
    }

    const declaration = parseDeclaration(content, section, lineNumber, verifyIds, fail);
    if (declaration.id !== undefined) {
      const earlier = lineOfId.get(declaration.id);
      if (earlier !== undefined)
        fail(`constructor id #${hex(declaration.id)} is already used on line ${earlier}`);
      lineOfId.set(declaration.id, lineNumber);
    }
    if ('params' in declaration) combinators.push(declaration);
    else builtins.push(declaration);
  }

  return layer === undefined ? { combinators, builtins } : { layer, combinators, builtins };
}

function parseDeclaration(
  content: string,
  section: Section,
  lineNumber: number,
  verifyIds: boolean,
  fail: TlSyntaxFailure,
): TlCombinator | TlBuiltin {
  // Telegram's schemas keep each declaration on one line, so a missing `;` is a mistake, not a wrap.
  if (!content.endsWith(';')) fail('a declaration ends with ";"');
  const tokens = spaceOutBrackets(content.slice(0, -1))
    .split(/\s+/)
    .filter((token) => token !== '');
  const equals = tokens.indexOf('=');
  if (equals === -1 || tokens.indexOf('=', equals + 1) !== -1) fail('a declaration has exactly one "="');
  const left = tokens.slice(0, equals);
  const right = tokens.slice(equals + 1);
  if (left.length === 0) fail('missing combinator name before "="');
  if (right.length === 0) fail('missing result type after "="');

  const head = HEAD.exec(left[0]);
  if (!head) fail(`"${left[0]}" is not a combinator name with an optional #id`);
  const name = head[1];
  const explicitId = head[2] === undefined ? undefined : Number.parseInt(head[2], 16);
  const parameterTokens = left.slice(1);
  const result = right.join(' ');

  const computedId = computeTlConstructorId(name, parameterTokens, result);
  if (explicitId !== undefined && verifyIds && explicitId !== computedId) {
    const normalised = normaliseTlDeclaration(name, parameterTokens, result);
    fail(`constructor id #${hex(explicitId)} is not CRC32 #${hex(computedId)} of "${normalised}"`);
  }

  if (isBuiltin(parameterTokens, right)) {
    const builtin = { section, name, text: content, line: lineNumber };
    return explicitId === undefined ? builtin : { ...builtin, id: explicitId };
  }

  const generics: TlGenericParam[] = [];
  const genericNames = new Set<string>();
  const params: TlParam[] = [];
  const flagFields = new Set<string>();
  const paramNames = new Set<string>();

  for (const token of parameterTokens) {
    const generic = GENERIC.exec(token);
    if (generic) {
      if (params.length > 0) fail(`generic "${token}" must come before the parameters`);
      if (generic[2] !== 'Type') fail(`generic "${token}" must be bounded by Type`);
      generics.push({ name: generic[1], bound: generic[2] });
      genericNames.add(generic[1]);
      continue;
    }
    const parameter = PARAMETER.exec(token);
    if (!parameter) fail(`"${token}" is not a parameter (name:type)`);
    const [, parameterName, typeText] = parameter;
    if (paramNames.has(parameterName)) fail(`parameter "${parameterName}" appears twice`);
    paramNames.add(parameterName);

    const condition = CONDITION.exec(typeText);
    if (condition) {
      const [, field, bitText, conditionalType] = condition;
      const bit = Number(bitText);
      if (!flagFields.has(field))
        fail(`"${token}" refers to "${field}", which is not an earlier # parameter`);
      if (bit > 31) fail(`"${token}" uses bit ${bit}; a # field has bits 0 to 31`);
      const type = parseTlType(conditionalType, genericNames, fail);
      if (type.kind === 'flags') fail(`"${token}": a # field cannot be conditional`);
      params.push({ name: parameterName, type, condition: { field, bit } });
      continue;
    }

    const type = parseTlType(typeText, genericNames, fail);
    if (type.kind === 'true') fail(`"${token}": true takes no bytes, so it is only meaningful under a flag`);
    if (type.kind === 'flags') flagFields.add(parameterName);
    params.push({ name: parameterName, type });
  }

  const resultType = parseTlType(result, genericNames, fail);
  if (resultType.kind === 'flags' || resultType.kind === 'true') fail(`"${result}" cannot be a result type`);
  if (section === 'types') {
    const isBoxedType = (resultType.kind === 'named' && resultType.boxed) || resultType.kind === 'primitive';
    if (!isBoxedType) fail(`a constructor's result must be a boxed type name, not "${result}"`);
  } else if (resultType.kind === 'named' && !resultType.boxed) {
    fail(`a function's result must be a boxed type, not the bare "${result}"`);
  }

  return {
    section,
    name,
    id: explicitId ?? computedId,
    generics,
    params,
    result: resultType,
    line: lineNumber,
  };
}

/**
 * Builtin declarations use TL's repetition and "no fields" syntax (`?`, `[ t ]`, `4*[ int ]`) or a
 * result with a type argument in space form (`= Vector t`), none of which a generated codec handles.
 */
function isBuiltin(parameterTokens: readonly string[], right: readonly string[]): boolean {
  return (
    right.length > 1 ||
    parameterTokens.some((token) => token === '?' || token === '#' || /[[\]*]/.test(token))
  );
}

/** `[t]` and `[ t ]` mean the same; tokens are split on spaces, so brackets get spaces of their own. */
function spaceOutBrackets(text: string): string {
  return text.replace(/\[/g, ' [ ').replace(/\]/g, ' ] ');
}

function hex(id: number): string {
  return id.toString(16).padStart(8, '0');
}
