// Templates are folders of the workspace's templates/ (copied into the package when it is packed),
// each with a template.json that describes it.
import { existsSync, realpathSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateError } from './create-error';

/** Set to use templates from another folder (for people working on templates). */
export const TEMPLATES_DIR_VARIABLE = 'CREATE_MTBOT_TEMPLATES_DIR';
export const TEMPLATE_MANIFEST = 'template.json';

/** A template a project can be created from. */
export interface TemplateInfo {
  readonly name: string;
  readonly description: string;
  readonly directory: string;
}

/**
 * The folder holding the templates: $CREATE_MTBOT_TEMPLATES_DIR; else, running inside the mtbot
 * workspace (from source or a build), the workspace's `templates/`, so a stale packed copy is never
 * used there; else (installed from npm) the copy packed into the package.
 */
export function findTemplatesRoot(packageRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[TEMPLATES_DIR_VARIABLE];
  if (override !== undefined && override !== '') return override;
  const workspace = join(packageRoot, '..', '..');
  const workspaceTemplates = join(workspace, 'templates');
  if (isWorkspaceOf(workspace, packageRoot) && existsSync(workspaceTemplates)) return workspaceTemplates;
  const packed = join(packageRoot, 'templates');
  if (existsSync(packed)) return packed;
  throw new CreateError('template', `no templates folder found (looked in ${packed}, ${workspaceTemplates})`);
}

/** True when `packageRoot` is packages/create-mtbot of the pnpm workspace at `workspace`. */
function isWorkspaceOf(workspace: string, packageRoot: string): boolean {
  if (!existsSync(join(workspace, 'pnpm-workspace.yaml'))) return false;
  try {
    return realpathSync(join(workspace, 'packages', 'create-mtbot')) === realpathSync(packageRoot);
  } catch {
    return false;
  }
}

/** Every template under `root`, sorted by the order their manifests give, then by name. */
export async function listTemplates(root: string): Promise<TemplateInfo[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    throw new CreateError('template', `cannot read the templates folder ${root}`, undefined, {
      cause: error,
    });
  }
  const templates: (TemplateInfo & { order: number })[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const directory = join(root, entry.name);
    const manifest = await readManifest(join(directory, TEMPLATE_MANIFEST));
    if (manifest === undefined) continue;
    templates.push({ name: entry.name, directory, ...manifest });
  }
  templates.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  return templates.map(({ name, description, directory }) => ({ name, description, directory }));
}

/** The template called `name`, or CreateError('template') listing the known ones. */
export function pickTemplate(templates: readonly TemplateInfo[], name: string): TemplateInfo {
  const template = templates.find((candidate) => candidate.name === name);
  if (template === undefined) {
    const known = templates.map((candidate) => candidate.name).join(', ') || 'none';
    throw new CreateError('template', `unknown template "${name}"`, `known templates: ${known}`);
  }
  return template;
}

async function readManifest(path: string): Promise<{ description: string; order: number } | undefined> {
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined; // a folder without a manifest is not a template
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new CreateError('template', `${path} is not valid JSON`, undefined, { cause: error });
  }
  const { description, order } = (manifest ?? {}) as { description?: unknown; order?: unknown };
  if (typeof description !== 'string') throw new CreateError('template', `${path} has no "description"`);
  return { description, order: typeof order === 'number' ? order : Number.MAX_SAFE_INTEGER };
}
