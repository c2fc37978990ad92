// mtbot's packages are not on the npm registry yet. A project can be pointed at tarballs packed from
// the workspace (`pnpm pack:local`) instead: its dependencies on them become file: references, and
// an override makes the packages' own dependencies on each other resolve to the tarballs too.
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CreateError } from './create-error';
import type { PackageManager } from './package-manager';

/** Set to a folder of packed tarballs to use instead of the registry (same as --local-packages). */
export const LOCAL_PACKAGES_VARIABLE = 'CREATE_MTBOT_LOCAL_PACKAGES';

/** The workspace packages a project may depend on. */
export const MTBOT_PACKAGES = ['mtbot', 'mtbot-local-dc', 'telegram-mtproto-core'] as const;

/** package name => absolute path of its tarball. */
export type LocalTarballs = ReadonlyMap<string, string>;

const TARBALL = /^(.+)-(\d+\.\d+\.\d+(?:-[\w.]+)?)\.tgz$/;

/** Finds the tarballs of mtbot's packages in `directory` (all three must be there). */
export async function findLocalTarballs(directory: string): Promise<LocalTarballs> {
  const absolute = resolve(directory);
  let names;
  try {
    names = await readdir(absolute);
  } catch (error) {
    throw new CreateError('local-packages', `cannot read the local packages folder ${absolute}`, undefined, {
      cause: error,
    });
  }
  const tarballs = new Map<string, string>();
  for (const name of names) {
    const match = TARBALL.exec(name);
    if (match === null) continue;
    const packageName = match[1]!;
    if (!(MTBOT_PACKAGES as readonly string[]).includes(packageName)) continue;
    if (tarballs.has(packageName)) {
      throw new CreateError('local-packages', `${absolute} holds more than one tarball of ${packageName}`);
    }
    tarballs.set(packageName, resolve(absolute, name));
  }
  const missing = MTBOT_PACKAGES.filter((name) => !tarballs.has(name));
  if (missing.length > 0) {
    throw new CreateError(
      'local-packages',
      `${absolute} has no tarball of ${missing.join(', ')}`,
      'pack them from the mtbot workspace with `pnpm pack:local`',
    );
  }
  return tarballs;
}

type PackageJson = Record<string, unknown> & {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

/** `manifest` with mtbot's packages pointing at the tarballs, for `manager`'s override syntax. */
export function useLocalTarballs(
  manifest: PackageJson,
  tarballs: LocalTarballs,
  manager: PackageManager,
): PackageJson {
  const references = new Map([...tarballs].map(([name, path]) => [name, `file:${path}`]));
  const rewrite = (dependencies: Record<string, string> | undefined) =>
    dependencies &&
    Object.fromEntries(
      Object.entries(dependencies).map(([name, range]) => [name, references.get(name) ?? range]),
    );
  const overrides = Object.fromEntries(references);
  const result: PackageJson = {
    ...manifest,
    ...(manifest.dependencies && { dependencies: rewrite(manifest.dependencies) }),
    ...(manifest.devDependencies && { devDependencies: rewrite(manifest.devDependencies) }),
  };
  if (manager === 'npm') result.overrides = overrides;
  else if (manager === 'pnpm') result.pnpm = { overrides };
  else result.resolutions = overrides;
  return result;
}
