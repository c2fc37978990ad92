/**
 * Creates a project: the template is written to a staging folder beside the target first and moved
 * into place only when complete, so a failure leaves nothing half-written behind. Then it installs
 * dependencies and makes the first git commit, as asked.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { copyTemplate } from './copy-template';
import { CreateError } from './create-error';
import { useLocalTarballs, type LocalTarballs } from './local-packages';
import { installCommand, installEnvironment, type PackageManager } from './package-manager';
import type { ProjectTarget } from './project-name';
import { runCommand } from './run-command';
import type { TemplateInfo } from './template-catalog';

/** Everything needed to create one project. */
export interface ScaffoldOptions {
  readonly target: ProjectTarget;
  readonly template: TemplateInfo;
  readonly packageManager: PackageManager;
  readonly install: boolean;
  readonly git: boolean;
  /** Write into a non-empty directory, replacing files of the same names. */
  readonly force: boolean;
  readonly localTarballs?: LocalTarballs;
  /** Progress lines for the person. */
  readonly log: (line: string) => void;
}

/** What was done, for the summary. */
export interface ScaffoldResult {
  readonly installed: boolean;
  readonly committed: boolean;
}

/** Throws CreateError('target-exists') unless `directory` is missing, empty, or `force` is set. */
export async function checkTarget(directory: string, force: boolean): Promise<void> {
  if (!existsSync(directory)) return;
  const info = await stat(directory);
  if (!info.isDirectory()) {
    throw new CreateError('target-exists', `${directory} exists and is not a directory`);
  }
  const entries = await readdir(directory);
  if (entries.length > 0 && !force) {
    throw new CreateError(
      'target-exists',
      `${directory} is not empty (${entries.length} entries)`,
      'choose another name, or pass --force to write into it (files with the same names are replaced)',
    );
  }
}

export async function scaffold(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const { target, log } = options;
  await checkTarget(target.directory, options.force);
  await writeProject(options);
  log(`Created ${target.packageName} in ${target.directory} from the "${options.template.name}" template.`);
  let installed = false;
  if (options.install) {
    log(`Installing dependencies with ${options.packageManager}...`);
    await runCommand(installCommand(options.packageManager), target.directory, {
      env: installEnvironment(options.packageManager),
    }).catch((error: unknown) => {
      throw new CreateError(
        'command-failed',
        `installing dependencies failed; the project is complete in ${target.directory}`,
        `fix the cause above, then run \`${installCommand(options.packageManager).join(' ')}\` there`,
        { cause: error },
      );
    });
    installed = true;
  }
  const committed = options.git ? await initialCommit(target.directory, log) : false;
  return { installed, committed };
}

async function writeProject(options: ScaffoldOptions): Promise<void> {
  const { directory, packageName } = options.target;
  const parent = dirname(directory);
  // The first folder mkdir had to create, removed again if the project cannot be written.
  const createdParent = await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, `.${basename(directory)}-create-mtbot-`));
  try {
    await copyTemplate(options.template.directory, staging, { projectName: packageName });
    await writeManifest(staging, options);
    if (existsSync(directory)) await moveEntries(staging, directory);
    else await rename(staging, directory);
  } catch (error) {
    if (createdParent !== undefined) await rm(createdParent, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function writeManifest(projectDirectory: string, options: ScaffoldOptions): Promise<void> {
  const path = join(projectDirectory, 'package.json');
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new CreateError(
      'template',
      `template "${options.template.name}" has no valid package.json`,
      undefined,
      {
        cause: error,
      },
    );
  }
  manifest.name = options.target.packageName;
  if (options.localTarballs) {
    manifest = useLocalTarballs(manifest, options.localTarballs, options.packageManager);
  }
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Moves everything from `from` into the existing `to`, replacing entries of the same names. */
async function moveEntries(from: string, to: string): Promise<void> {
  for (const name of await readdir(from)) {
    await rm(join(to, name), { recursive: true, force: true });
    await rename(join(from, name), join(to, name));
  }
}

/** `git init` and a first commit, unless git is missing or the folder is already in a repository. */
async function initialCommit(directory: string, log: (line: string) => void): Promise<boolean> {
  const inside = await runCommand(['git', 'rev-parse', '--is-inside-work-tree'], directory, {
    capture: true,
  }).then(
    (output) => output.stdout.trim() === 'true',
    () => false,
  );
  if (inside) {
    log('Skipped git init: the project is inside an existing git repository.');
    return false;
  }
  const hasGit = await runCommand(['git', '--version'], directory, { capture: true }).then(
    () => true,
    () => false,
  );
  if (!hasGit) {
    log('Skipped git init: git was not found.');
    return false;
  }
  await runCommand(['git', 'init', '--quiet'], directory, { capture: true });
  await runCommand(['git', 'add', '--all'], directory, { capture: true });
  // A machine without a git identity still gets its first commit, under create-mtbot's name.
  const identity = await runCommand(['git', 'config', 'user.email'], directory, { capture: true }).then(
    (output) => output.stdout.trim() !== '',
    () => false,
  );
  const author = identity ? [] : ['-c', 'user.name=create-mtbot', '-c', 'user.email=create-mtbot@localhost'];
  await runCommand(
    ['git', ...author, 'commit', '--quiet', '-m', 'Initial commit from create-mtbot'],
    directory,
    {
      capture: true,
    },
  );
  log('Initialised a git repository with a first commit.');
  return true;
}
