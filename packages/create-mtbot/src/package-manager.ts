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

/** Settings a person may give any package manager through the environment: kept across managers. */
const SHARED_SETTINGS = new Set([
  'npm_config_registry',
  'npm_config_cache',
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_noproxy',
  'npm_config_strict_ssl',
  'npm_config_cafile',
  'npm_config_userconfig',
]);

/**
 * The environment to run `manager` in. Started by another package manager (`pnpm create` with
 * `--pm npm`), the environment carries that manager's own `npm_config_*` settings, which the other
 * one warns about ("Unknown env config") or misreads: those are left out, the shared ones kept.
 */
export function installEnvironment(
  manager: PackageManager,
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  if (env.npm_config_user_agent === undefined || detectPackageManager(env) === manager) return env;
  const cleaned: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    const setting = key.toLowerCase();
    if (setting.startsWith('npm_config_') && !SHARED_SETTINGS.has(setting)) continue;
    cleaned[key] = value;
  }
  return cleaned;
}

/** The argv that installs a project's dependencies. */
export function installCommand(manager: PackageManager): readonly string[] {
  return [manager, 'install'];
}

/** How a person runs a package.json script with `manager`, for the printed next steps. */
export function runScriptCommand(manager: PackageManager, script: string): string {
  return manager === 'npm' ? `npm run ${script}` : `${manager} ${script}`;
}
