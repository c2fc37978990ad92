#!/usr/bin/env node
// `pnpm pack:local`: builds the publishable packages and packs them into .local-packages/, the folder
// a project made with `create-mtbot --local-packages .local-packages` (or CREATE_MTBOT_LOCAL_PACKAGES)
// installs them from while they are not on the npm registry. Old tarballs are removed first, so the
// folder holds exactly one tarball per package.
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdirSync, readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const destination = join(root, '.local-packages');
const packages = ['core', 'local-dc', 'mtbot'];

function run(argv, cwd) {
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error(`pack-local: \`${argv.join(' ')}\` failed in ${cwd}`);
    process.exit(result.status ?? 1);
  }
}

mkdirSync(destination, { recursive: true });
for (const name of readdirSync(destination)) {
  if (name.endsWith('.tgz')) rmSync(join(destination, name));
}
for (const name of packages) run(['pnpm', 'run', 'build'], join(root, 'packages', name));
for (const name of packages)
  run(['pnpm', 'pack', '--pack-destination', destination], join(root, 'packages', name));
console.error(`pack-local: ${readdirSync(destination).join(', ')} in ${destination}`);
