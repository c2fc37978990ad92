/**
 * Generates `src/tl/generated/` from `schema/api.tl` and `schema/mtproto.tl`:
 * types and codecs, one pair of files per schema. `pnpm generate` writes them;
 * `pnpm generate:check` (`--check`) fails when the committed files differ from a fresh run.
 * `--out-dir DIR` writes or checks another folder (used by tests).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diffGeneratedFiles, generateTlFiles } from '../src/tl/codegen/generate-tl-files';

const packageRoot = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const outDirIndex = args.indexOf('--out-dir');
const outDir =
  outDirIndex === -1 ? path.join(packageRoot, 'src/tl/generated') : path.resolve(args[outDirIndex + 1] ?? '');

const files = generateTlFiles({
  api: readFileSync(path.join(packageRoot, 'schema/api.tl'), 'utf8'),
  mtproto: readFileSync(path.join(packageRoot, 'schema/mtproto.tl'), 'utf8'),
});

if (check) {
  const existingNames = existsSync(outDir) ? readdirSync(outDir).filter((name) => name.endsWith('.ts')) : [];
  const problems = diffGeneratedFiles(
    files,
    (name) => {
      const file = path.join(outDir, name);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    },
    existingNames,
  );
  if (problems.length > 0) {
    console.error(
      `generate --check: the generated TL code in ${path.relative(process.cwd(), outDir) || '.'} is out of date:`,
    );
    for (const problem of problems) console.error(`  - ${problem}`);
    console.error('Generated files are never edited by hand. Run `pnpm generate` and commit the result.');
    process.exit(1);
  }
  console.log(`generate --check: ${files.size} generated files are up to date`);
} else {
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of files) writeFileSync(path.join(outDir, name), text);
  const sizes = [...files].map(
    ([name, text]) => `${name} ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`,
  );
  console.log(`generated ${sizes.join(', ')}`);
}
