// The project name becomes the directory and the package.json "name", so it must be a valid npm
// package name (docs.npmjs.com/cli/configuring-npm/package-json#name).
import { builtinModules } from 'node:module';
import { basename, resolve } from 'node:path';
import { CreateError } from './create-error';

const MAX_LENGTH = 214;
const RESERVED = new Set(['node_modules', 'favicon.ico']);
const NAME_PATTERN = /^(?:@([a-z0-9][a-z0-9._~-]*)\/)?([a-z0-9][a-z0-9._~-]*)$/;

/** Where the project goes and what its package is called. */
export interface ProjectTarget {
  /** The package name (may be scoped). */
  readonly packageName: string;
  /** Absolute path of the directory to create. */
  readonly directory: string;
}

/**
 * Checks `input` (a name like `my-bot` or `@me/my-bot`, or a path like `./bots/my-bot` whose last part
 * is the name) and returns the package name and directory. Throws CreateError('usage') saying what is
 * wrong.
 */
export function resolveProjectTarget(input: string, cwd: string): ProjectTarget {
  const trimmed = input.trim();
  if (trimmed === '') throw new CreateError('usage', 'the project name is empty');
  const scoped = trimmed.startsWith('@');
  const packageName = scoped ? trimmed : basename(resolve(cwd, trimmed));
  const problem = packageNameProblem(packageName);
  if (problem !== undefined) {
    throw new CreateError(
      'usage',
      `"${packageName}" is not a valid project name: ${problem}`,
      'use lowercase letters, digits, "-", "_" and ".", e.g. my-bot',
    );
  }
  const directory = scoped ? resolve(cwd, packageName.split('/')[1]!) : resolve(cwd, trimmed);
  return { packageName, directory };
}

/** Why `name` is not a valid npm package name, or undefined when it is. */
export function packageNameProblem(name: string): string | undefined {
  if (name.length > MAX_LENGTH) return `it is longer than ${MAX_LENGTH} characters`;
  if (name !== name.trim()) return 'it has leading or trailing spaces';
  if (name.startsWith('.') || name.startsWith('_')) return 'it starts with "." or "_"';
  if (name !== name.toLowerCase()) return 'it has uppercase letters';
  if (RESERVED.has(name)) return `"${name}" is reserved`;
  if (builtinModules.includes(name)) return `it is the name of a Node.js core module`;
  if (!NAME_PATTERN.test(name)) return 'it has characters npm does not allow in a package name';
  return undefined;
}
