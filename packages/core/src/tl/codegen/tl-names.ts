/**
 * How TL names become TypeScript names in generated code. One place, so the types and the codecs
 * agree and the README's description of the mapping stays true:
 *
 * - a constructor `messages.messages` → interface `MessagesMessages`, discriminated by
 *   `_: 'messages.messages'` (the full TL name);
 * - a boxed type `messages.Messages` → union `TypeMessagesMessages`;
 * - a method `messages.sendMessage` → interface `MessagesSendMessageRequest`;
 * - fields keep their TL names (`user_id`), as on core.telegram.org.
 */

/** `messages.sendMessage` → `MessagesSendMessage`; `req_DH_params` → `ReqDHParams`. */
export function pascalCase(name: string): string {
  return name
    .split(/[._]/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Interface name of a constructor. */
export function constructorTypeName(name: string): string {
  return pascalCase(name);
}

/** Union type name of a boxed type. */
export function unionTypeName(typeName: string): string {
  return `Type${pascalCase(typeName)}`;
}

/** Interface name of a method's request. */
export function methodTypeName(name: string): string {
  return `${pascalCase(name)}Request`;
}

/** A TL name as part of a JavaScript identifier: `messages.messages` → `messages$messages`. */
export function identifierPart(name: string): string {
  return name.replace(/\./g, '$');
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if import in instanceof new null return super switch this throw true try ' +
    'typeof var void while with yield let static implements interface package private protected public ' +
    'await arguments eval undefined NaN Infinity ' +
    // Names the generated functions use for their own parameters and temporaries.
    'reader writer value error count list index id decode encode'
  ).split(' '),
);

/** A field name usable as a local variable: reserved words get a trailing `_`. */
export function localName(fieldName: string): string {
  return RESERVED.has(fieldName) ? `${fieldName}_` : fieldName;
}

/** A field name as an object key in generated source. */
export function propertyKey(fieldName: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(fieldName) ? fieldName : JSON.stringify(fieldName);
}

/** `0x1cb5c415`: how generated code spells a constructor id. */
export function hexId(id: number): string {
  return `0x${(id >>> 0).toString(16).padStart(8, '0')}`;
}
