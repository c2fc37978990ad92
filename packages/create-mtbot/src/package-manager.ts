/** The package managers a generated project can be set up with. */
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/**
 * The package manager create-mtbot was started with, from the user agent every one of them sets
 * (`npm_config_user_agent`, e.g. "pnpm/10.1.0 npm/? node/v20.19.0 linux x64"); npm when unknown.
 */
export function detectPackageManager(env: NodeJS.ProcessEnv = process.env): PackageManager {
  const agent = env.npm_config_user_agent ?? '';
  const name = agent.split('/')[0];
  return PACKAGE_MANAGERS.find((manager) => manager === name) ?? 'npm';
}

/** The argv that installs a project's dependencies. */
export function installCommand(manager: PackageManager): readonly string[] {
  return [manager, 'install'];
}

/** How a person runs a package.json script with `manager`, for the printed next steps. */
export function runScriptCommand(manager: PackageManager, script: string): string {
  return manager === 'npm' ? `npm run ${script}` : `${manager} ${script}`;
}
