import { useLocalTarballs } from '../src/local-packages';
import { detectPackageManager, installEnvironment, runScriptCommand } from '../src/package-manager';

describe('package managers', () => {
  it.each([
    ['pnpm/10.34.9 npm/? node/v20.20.2 linux x64', 'pnpm'],
    ['yarn/1.22.22 npm/? node/v20.20.2 linux x64', 'yarn'],
    ['npm/11.19.1 node/v20.20.2 linux x64 workspaces/false', 'npm'],
    ['bun/1.2.0', 'npm'],
    [undefined, 'npm'],
  ])('detects %j as %s', (agent, expected) => {
    expect(detectPackageManager(agent === undefined ? {} : { npm_config_user_agent: agent })).toBe(expected);
  });

  it('spells script runs the way each manager wants', () => {
    expect(runScriptCommand('npm', 'dev')).toBe('npm run dev');
    expect(runScriptCommand('pnpm', 'dev')).toBe('pnpm dev');
    expect(runScriptCommand('yarn', 'test')).toBe('yarn test');
  });

  it("leaves another manager's npm_config_* settings out of the install, keeping the shared ones", () => {
    const fromPnpm = {
      PATH: '/bin',
      npm_config_user_agent: 'pnpm/10.34.9 npm/? node/v20.20.2 linux x64',
      npm_config_verify_deps_before_run: 'false',
      npm_config__jsr_registry: 'https://npm.jsr.io/',
      npm_config_registry: 'https://registry.example/',
      NPM_CONFIG_HTTPS_PROXY: 'http://proxy:3128',
    };
    expect(installEnvironment('npm', fromPnpm)).toEqual({
      PATH: '/bin',
      npm_config_registry: 'https://registry.example/',
      NPM_CONFIG_HTTPS_PROXY: 'http://proxy:3128',
    });
    // The same manager, or no manager at all, gets the environment as it is.
    expect(installEnvironment('pnpm', fromPnpm)).toBe(fromPnpm);
    const plain = { PATH: '/bin', npm_config_foo: 'x' };
    expect(installEnvironment('npm', plain)).toBe(plain);
  });

  it('overrides transitive mtbot packages in yarn resolutions', () => {
    const tarballs = new Map([['telegram-mtproto-core', '/t/core.tgz']]);
    const manifest = useLocalTarballs({ name: 'x', dependencies: { other: '^1.0.0' } }, tarballs, 'yarn');
    expect(manifest).toEqual({
      name: 'x',
      dependencies: { other: '^1.0.0' },
      resolutions: { 'telegram-mtproto-core': 'file:/t/core.tgz' },
    });
  });
});
