/**
 * `create-mtbot [directory] [options]`: scaffolds a bot project from a template. Errors print one clear
 * line (and a hint) on stderr and exit with the code of their reason (see create-error.ts).
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CreateError } from '../create-error';
import { runScriptCommand } from '../package-manager';
import { planProject, type ProjectPlan } from '../plan-project';
import { Prompter } from '../prompts';
import { scaffold } from '../scaffold';
import { findTemplatesRoot, listTemplates } from '../template-catalog';
import { parseCommandLine } from './parse-options';

// src/cli and dist/cli are both two levels below the package root.
const PACKAGE_ROOT = join(__dirname, '..', '..');

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCommandLine(argv, packageVersion(), (text) => process.stdout.write(`${text}\n`));
  if (parsed.kind === 'printed') return;
  const { options } = parsed;
  const templates = await listTemplates(findTemplatesRoot(PACKAGE_ROOT));
  if (options.listTemplates) {
    for (const template of templates) process.stdout.write(`${template.name}\t${template.description}\n`);
    return;
  }
  const interactive = !options.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const prompter = interactive ? new Prompter() : undefined;
  let plan: ProjectPlan;
  try {
    plan = await planProject(options, { templates, cwd: process.cwd(), env: process.env, prompter });
  } finally {
    prompter?.close();
  }
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const result = await scaffold({ ...plan, log });
  printNextSteps(plan, result.installed, log);
}

function printNextSteps(plan: ProjectPlan, installed: boolean, log: (line: string) => void): void {
  const run = (script: string) => runScriptCommand(plan.packageManager, script);
  const relativePath = relative(process.cwd(), plan.target.directory) || '.';
  // `cd ../../tmp/bot` is harder to read than the absolute path it climbs to.
  const where = relativePath.startsWith(`..${sep}..`) ? plan.target.directory : relativePath;
  const steps = [
    ...(where === '.' ? [] : [`cd ${where}`]),
    ...(installed ? [] : [`${plan.packageManager} install`]),
    `${run('dev')}     # chat with your bot in this terminal, on a local DC: no credentials needed`,
    `${run('test')}    # its tests, against a local DC`,
    `cp .env.example .env   # then fill in API_ID, API_HASH and BOT_TOKEN to run it on Telegram`,
  ];
  log('\nNext steps:');
  for (const step of steps) log(`  ${step}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CreateError) {
    process.stderr.write(`create-mtbot: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
    process.exitCode = error.exitCode;
    return;
  }
  process.stderr.write(
    `create-mtbot: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
