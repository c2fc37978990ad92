#!/usr/bin/env node
// Run by `pnpm test` first: the tests start their own servers (redis-server for the Redis stores), so
// the binaries must be on the machine. A new machine has only Node.js and npm; on Debian/Ubuntu as root
// this installs what is missing from the distribution's packages, elsewhere it says what to install.
'use strict';
const { spawnSync } = require('node:child_process');

const SERVICES = [{ binary: 'redis-server', debianPackage: 'redis-server', why: 'the Redis store tests' }];

const onPath = (binary) => spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
const run = (argv) =>
  spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;

const missing = SERVICES.filter((service) => !onPath(service.binary));
if (missing.length === 0) process.exit(0);
const packages = missing.map((service) => service.debianPackage);
const canInstall = process.getuid?.() === 0 && onPath('apt-get');
if (canInstall) {
  console.error(`ensure-services: installing ${packages.join(', ')} (apt-get) for the tests`);
  const env = ['env', 'DEBIAN_FRONTEND=noninteractive'];
  const installed =
    run([...env, 'apt-get', 'install', '-y', '-q', ...packages]) ||
    (run([...env, 'apt-get', 'update', '-q']) &&
      run([...env, 'apt-get', 'install', '-y', '-q', ...packages]));
  if (installed && missing.every((service) => onPath(service.binary))) process.exit(0);
}
for (const service of missing) {
  console.error(`ensure-services: ${service.binary} is needed by ${service.why} but was not found.`);
}
console.error(
  `Install it (Debian/Ubuntu: apt-get install ${packages.join(' ')}; macOS: brew install redis) and run again.`,
);
process.exit(1);
