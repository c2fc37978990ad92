/** The committed schemas, parsed and modelled once per test file. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildTlSchemaModel, type TlSchemaModel } from '../../src/tl/codegen/tl-schema-model';
import { parseTlSchema } from '../../src/tl/schema/parse-tl-schema';

const schemaFolder = path.join(__dirname, '../../schema');

function load(file: string): TlSchemaModel {
  return buildTlSchemaModel(parseTlSchema(readFileSync(path.join(schemaFolder, file), 'utf8')));
}

/** schema/api.tl */
export const apiModel = load('api.tl');
/** schema/mtproto.tl */
export const mtprotoModel = load('mtproto.tl');
