// Copies a template into a folder. npm drops or renames some dotfiles when it packs a package
// (.gitignore, .npmrc), so templates keep every dotfile with a leading "_" instead, renamed here.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_MANIFEST } from './template-catalog';

/** Values the template's text files may mention as {{name}}. */
export interface TemplateVariables {
  readonly projectName: string;
}

const BUILD_OUTPUT = new Set(['node_modules', 'dist']);
const LOCAL_SUFFIXES = ['.tsbuildinfo', '.session.json', '.session.json.lock'];

/**
 * Whether a file or folder of a template folder belongs to the template, rather than being left there
 * by building or running it in place: installs and builds, and what a run keeps (a real dotfile such
 * as `.env` or `.mtbot-dev/` — templates store theirs as `_name` —, session files). Packing
 * (scripts/copy-templates.js) and copying into a project both go by it, so secrets never travel.
 */
export function isTemplateFile(name: string): boolean {
  return (
    !name.startsWith('.') &&
    !BUILD_OUTPUT.has(name) &&
    !LOCAL_SUFFIXES.some((suffix) => name.endsWith(suffix))
  );
}
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/**
 * The name a template file gets in the project: `_gitignore` becomes `.gitignore`, and placeholders
 * are filled in (`deploy/{{projectName}}.service`).
 */
export function projectFileName(templateFileName: string, variables?: TemplateVariables): string {
  const name = variables === undefined ? templateFileName : fill(templateFileName, variables);
  return name.startsWith('_') ? `.${name.slice(1)}` : name;
}

/** Copies the template folder `from` into `to` (which must exist), filling in `variables`. */
export async function copyTemplate(from: string, to: string, variables: TemplateVariables): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.name === TEMPLATE_MANIFEST || !isTemplateFile(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, projectFileName(entry.name, variables));
    if (entry.isDirectory()) {
      await mkdir(target);
      await copyTemplate(source, target, variables);
    } else if (entry.isFile()) {
      await copyFile(source, target);
      await fillPlaceholders(target, variables);
    }
  }
}

async function fillPlaceholders(path: string, variables: TemplateVariables): Promise<void> {
  const bytes = await readFile(path);
  if (bytes.includes(0)) return; // binary
  const text = bytes.toString('utf8');
  if (!text.includes('{{')) return;
  const filled = fill(text, variables);
  if (filled !== text) await writeFile(path, filled);
}

/** `text` with each known `{{name}}` replaced; unknown ones stay. */
function fill(text: string, variables: TemplateVariables): string {
  const values = variables as unknown as Record<string, string>;
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
