#!/usr/bin/env node
// `pnpm pack:local`: builds the publishable packages and packs them into .local-packages/, the folder
// a project made with `create-mtbot --local-packages .local-packages` (or CREATE_MTBOT_LOCAL_PACKAGES)
// installs them from while they are not on the npm registry. Old tarballs are removed first, so the
// folder holds exactly one tarball per package.
//
// `--if-stale` keeps the tarballs when each is newer than every file it is built from (a quick rerun
// of the tests on a developer's machine). It is ignored when CI is set: a fresh clone's file times say
// nothing, so CI always builds.
//
// Speed: the builds emit without type-checking (`tsc --noCheck`, declarations included): the type
// check is `pnpm typecheck`'s job, and it is most of a build's time. Each dist/ is emptied first, so
// files of deleted sources are never packed. telegram-mtproto-core is built first (the others compile
// against its declarations); mtbot-local-dc and mtbot do not import each other's types, so they build
// side by side, and the three packs run together.
'use strict';
const { spawn } = require('node:child_process');
const { mkdirSync, readdirSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const destination = join(root, '.local-packages');
const packages = ['core', 'local-dc', 'mtbot'];
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function run(argv, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd,
      stdio: ['ignore', 'inherit', 'inherit'],
      shell: process.platform === 'win32',
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`\`${argv.join(' ')}\` failed in ${cwd} (exit code ${code})`)),
    );
  });
}

function build(name) {
  const directory = join(root, 'packages', name);
  rmSync(join(directory, 'dist'), { recursive: true, force: true });
  return run([process.execPath, tsc, '-p', 'tsconfig.build.json', '--noCheck'], directory);
}

function pack(name) {
  return run(['pnpm', 'pack', '--pack-destination', destination], join(root, 'packages', name));
}

/** The newest modification time (ms) of the files under `path`. */
function newestFile(path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (info === undefined) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestFile(join(path, entry)));
  return newest;
}

/** True when .local-packages holds one tarball a package, each newer than all its sources. */
function tarballsAreFresh() {
  const tarballs = readdirSync(destination).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== packages.length) return false;
  const oldestTarball = Math.min(...tarballs.map((name) => statSync(join(destination, name)).mtimeMs));
  const sources = [
    join(root, 'tsconfig.base.json'),
    join(__dirname, 'pack-local.js'),
    ...packages.flatMap((name) =>
      ['src', 'bin', 'package.json', 'tsconfig.build.json', 'README.md'].map((entry) =>
        join(root, 'packages', name, entry),
      ),
    ),
  ];
  return sources.every((source) => newestFile(source) < oldestTarball);
}

async function main() {
  mkdirSync(destination, { recursive: true });
  if (process.argv.includes('--if-stale') && !process.env.CI && tarballsAreFresh()) {
    console.error(`pack-local: the tarballs in ${destination} are up to date`);
    return;
  }
  for (const name of readdirSync(destination)) {
    if (name.endsWith('.tgz')) rmSync(join(destination, name));
  }
  const started = Date.now();
  await build('core');
  await Promise.all([build('local-dc'), build('mtbot')]);
  const built = Date.now();
  await Promise.all(packages.map(pack));
  console.error(
    `pack-local: ${readdirSync(destination).join(', ')} in ${destination} ` +
      `(built in ${((built - started) / 1000).toFixed(1)} s, packed in ${((Date.now() - built) / 1000).toFixed(1)} s)`,
  );
}

main().catch((error) => {
  console.error(`pack-local: ${error.message}`);
  process.exitCode = 1;
});
