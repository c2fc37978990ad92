/**
 * Which files `scripts/generate.ts` writes from which schema, and how `--check` compares them with
 * what is committed. Pure (texts in, texts out), so tests can run it without touching the tree.
 *
 * Naming: API and MTProto live in separate modules (`api-*.ts`, `mtproto-*.ts`), so their names never
 * meet; the package exports them as the namespaces `Api` and `Mtproto`.
 */
import { parseTlSchema } from '../schema/parse-tl-schema';
import { generateCodecSource } from './generate-codec';
import { generateTypesSource } from './generate-types';
import { buildTlSchemaModel } from './tl-schema-model';

/** The schema texts the generator reads. */
export interface TlSchemaSources {
  /** `schema/api.tl`: the Telegram API. */
  readonly api: string;
  /** `schema/mtproto.tl`: MTProto's own service types and methods. */
  readonly mtproto: string;
}

/** Generates every file of `src/tl/generated/`, by file name, in a fixed order. */
export function generateTlFiles(sources: TlSchemaSources): Map<string, string> {
  const api = buildTlSchemaModel(parseTlSchema(sources.api));
  const mtproto = buildTlSchemaModel(parseTlSchema(sources.mtproto));
  const files = new Map<string, string>();
  files.set(
    'api-types.ts',
    generateTypesSource(api, { schemaFile: 'schema/api.tl', description: 'the Telegram API' }),
  );
  files.set(
    'api-codec.ts',
    generateCodecSource(api, {
      schemaFile: 'schema/api.tl',
      description: 'the Telegram API',
      exportPrefix: 'Api',
      typesModule: './api-types',
    }),
  );
  files.set(
    'mtproto-types.ts',
    generateTypesSource(mtproto, {
      schemaFile: 'schema/mtproto.tl',
      description: 'MTProto service messages',
      anyObjectFrom: './api-types',
    }),
  );
  files.set(
    'mtproto-codec.ts',
    generateCodecSource(mtproto, {
      schemaFile: 'schema/mtproto.tl',
      description: 'MTProto service messages',
      exportPrefix: 'Mtproto',
      typesModule: './mtproto-types',
      outer: { codecModule: './api-codec', typesModule: './api-types', exportPrefix: 'Api' },
    }),
  );
  return files;
}

/**
 * Compares freshly generated files with those on disk. Returns one line per problem (a file that
 * differs, is missing, or is left over), empty when the committed output is up to date.
 *
 * @param readExisting - the committed text of a generated file, undefined when it does not exist.
 * @param existingNames - the names of the files now in the generated folder.
 */
export function diffGeneratedFiles(
  expected: ReadonlyMap<string, string>,
  readExisting: (name: string) => string | undefined,
  existingNames: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const [name, text] of expected) {
    const existing = readExisting(name);
    if (existing === undefined) {
      problems.push(`${name} is missing`);
    } else if (existing !== text) {
      const expectedLines = text.split('\n');
      const existingLines = existing.split('\n');
      let line = 0;
      while (line < expectedLines.length && expectedLines[line] === existingLines[line]) line++;
      problems.push(`${name} differs from a fresh run, first at line ${line + 1}`);
    }
  }
  for (const name of existingNames) {
    if (!expected.has(name)) problems.push(`${name} is not produced by the generator`);
  }
  return problems;
}
