/** The command line of create-mtbot, parsed with yargs (strict: unknown flags are errors). */
import yargs from 'yargs';
import { CreateError } from '../create-error';
import { PACKAGE_MANAGERS, type PackageManager } from '../package-manager';

/** What the command line asked for; undefined means "not given" (ask, or take the default). */
export interface CliOptions {
  readonly directory: string | undefined;
  readonly template: string | undefined;
  readonly packageManager: PackageManager | undefined;
  readonly install: boolean | undefined;
  readonly git: boolean | undefined;
  readonly yes: boolean;
  readonly force: boolean;
  readonly localPackages: string | undefined;
  readonly listTemplates: boolean;
}

/** `help` and `version` mean yargs printed the text and there is nothing else to do. */
export type ParsedCommandLine =
  { readonly kind: 'run'; readonly options: CliOptions } | { readonly kind: 'printed' };

export function parseCommandLine(
  argv: readonly string[],
  version: string,
  print: (text: string) => void,
): ParsedCommandLine {
  let printed = false;
  const parser = yargs([...argv])
    .scriptName('create-mtbot')
    .command('$0 [directory]', 'Create a Telegram bot project on mtbot', (command) =>
      command.positional('directory', {
        type: 'string',
        describe: 'folder (and package name) of the new project, e.g. my-bot',
      }),
    )
    .option('template', {
      alias: 't',
      type: 'string',
      describe: 'template to start from (see --list-templates)',
    })
    .option('pm', {
      type: 'string',
      choices: PACKAGE_MANAGERS,
      describe: 'package manager (default: the one running this)',
    })
    .option('install', { type: 'boolean', describe: 'install dependencies (--no-install to skip)' })
    .option('git', { type: 'boolean', describe: 'git init with a first commit (--no-git to skip)' })
    .option('yes', {
      alias: 'y',
      type: 'boolean',
      default: false,
      describe: 'ask nothing; take the defaults',
    })
    .option('force', {
      alias: 'f',
      type: 'boolean',
      default: false,
      describe: 'write into a non-empty directory',
    })
    .option('local-packages', {
      type: 'string',
      describe:
        'folder of mtbot tarballs to use instead of the npm registry (env CREATE_MTBOT_LOCAL_PACKAGES)',
    })
    .option('list-templates', { type: 'boolean', default: false, describe: 'print the templates and exit' })
    .example('$0 my-bot', 'asks what it needs at a terminal')
    .example('$0 my-bot --template basic --pm npm --yes', 'no questions (CI, scripts)')
    .strict()
    .version(version)
    .help()
    .alias('help', 'h')
    .alias('version', 'v')
    .wrap(100)
    .exitProcess(false)
    .fail((message, error) => {
      throw new CreateError('usage', message ?? error?.message ?? 'invalid command line');
    });
  const values = parser.parseSync([...argv], {}, (_error, _argv, output) => {
    if (output) {
      printed = true;
      print(output);
    }
  });
  if (printed) return { kind: 'printed' };
  const directory = values.directory as string | undefined;
  return {
    kind: 'run',
    options: {
      directory,
      template: values.template,
      packageManager: values.pm as PackageManager | undefined,
      install: values.install,
      git: values.git,
      yes: values.yes,
      force: values.force,
      localPackages: values['local-packages'],
      listTemplates: values['list-templates'],
    },
  };
}
