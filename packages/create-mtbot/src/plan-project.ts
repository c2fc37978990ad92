/**
 * Turns the command line into a complete plan: what was given is checked; what was not is asked at a
 * terminal, or defaulted with --yes, or else reported as the flag to pass (no TTY, e.g. CI).
 */
import { existsSync, readdirSync } from 'node:fs';
import type { CliOptions } from './cli/parse-options';
import { CreateError } from './create-error';
import { findLocalTarballs, LOCAL_PACKAGES_VARIABLE, type LocalTarballs } from './local-packages';
import { detectPackageManager, PACKAGE_MANAGERS, type PackageManager } from './package-manager';
import { packageNameProblem, resolveProjectTarget, type ProjectTarget } from './project-name';
import type { Prompter } from './prompts';
import { pickTemplate, type TemplateInfo } from './template-catalog';

export interface ProjectPlan {
  readonly target: ProjectTarget;
  readonly template: TemplateInfo;
  readonly packageManager: PackageManager;
  readonly install: boolean;
  readonly git: boolean;
  readonly force: boolean;
  readonly localTarballs: LocalTarballs | undefined;
}

export interface PlanContext {
  readonly templates: readonly TemplateInfo[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Set when a person is at a terminal and --yes was not given. */
  readonly prompter: Prompter | undefined;
}

const DEFAULT_PROJECT_NAME = 'my-bot';

export async function planProject(options: CliOptions, context: PlanContext): Promise<ProjectPlan> {
  const { prompter, templates } = context;
  const noTerminal = (flag: string, what: string) =>
    new CreateError(
      'usage',
      `${what} not given and there is no terminal to ask: pass ${flag}`,
      'see create-mtbot --help',
    );

  let name = options.directory;
  if (name === undefined) {
    if (prompter === undefined)
      throw noTerminal('it as the first argument (create-mtbot my-bot)', 'the project name is');
    name = await prompter.text('Project name?', DEFAULT_PROJECT_NAME, (answer) =>
      packageNameProblem(answer.split('/').pop()!),
    );
  }
  const target = resolveProjectTarget(name, context.cwd);

  let templateName = options.template;
  if (templateName === undefined) {
    const fallback = templates[0]?.name;
    if (fallback === undefined) throw new CreateError('template', 'no templates are installed');
    if (prompter !== undefined) templateName = await prompter.choose('Which template?', templates, fallback);
    else if (options.yes) templateName = fallback;
    else
      throw noTerminal(
        `--template (${templates.map((template) => template.name).join(' | ')})`,
        'the template is',
      );
  }
  const template = pickTemplate(templates, templateName);

  const detected = detectPackageManager(context.env);
  const packageManager =
    options.packageManager ??
    (prompter !== undefined
      ? ((await prompter.choose('Package manager?', describeManagers(), detected)) as PackageManager)
      : detected);

  let force = options.force;
  if (!force && prompter !== undefined && isNonEmptyDirectory(target.directory)) {
    force = await prompter.confirm(
      `${target.directory} is not empty. Write into it, replacing files of the same names?`,
      false,
    );
    if (!force) throw new CreateError('cancelled', 'cancelled: the directory is not empty');
  }
  const install =
    options.install ??
    (prompter !== undefined ? await prompter.confirm('Install dependencies?', true) : true);
  const git =
    options.git ??
    (prompter !== undefined ? await prompter.confirm('Initialise a git repository?', true) : true);

  const localDirectory = options.localPackages ?? (context.env[LOCAL_PACKAGES_VARIABLE] || undefined);
  const localTarballs = localDirectory === undefined ? undefined : await findLocalTarballs(localDirectory);
  return { target, template, packageManager, install, git, force, localTarballs };
}

function describeManagers(): { name: string; description: string }[] {
  return PACKAGE_MANAGERS.map((name) => ({ name, description: '' }));
}

function isNonEmptyDirectory(path: string): boolean {
  try {
    return existsSync(path) && readdirSync(path).length > 0;
  } catch {
    return false;
  }
}
