#!/usr/bin/env node
// Runs a TypeScript file (scripts, benchmarks) through SWC without a build step:
// `node tools/run-ts.js path/to/script.ts [args...]`. Same transform as jest, so decorators and
// their metadata behave the same in scripts as in tests.
'use strict';
const path = require('node:path');
const { transformSync } = require('@swc/core');

const swcOptions = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcOptions, filename });
  module._compile(code, filename);
};

// Workspace packages resolve to their TypeScript source (as in jest and tsconfig.json), so a script
// or a package's bin runs without building its dependencies first.
const Module = require('node:module');
const workspaceSources = {
  'telegram-mtproto-core': path.join(__dirname, '..', 'packages', 'core', 'src', 'index.ts'),
  'mtbot-local-dc': path.join(__dirname, '..', 'packages', 'local-dc', 'src', 'index.ts'),
  mtbot: path.join(__dirname, '..', 'packages', 'mtbot', 'src', 'index.ts'),
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWorkspaceSource(request, ...rest) {
  const source = workspaceSources[request];
  return source === undefined ? resolveFilename.call(this, request, ...rest) : source;
};

const [, , script, ...args] = process.argv;
if (!script) {
  console.error('usage: node tools/run-ts.js <script.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...args];
require(path.resolve(script));
