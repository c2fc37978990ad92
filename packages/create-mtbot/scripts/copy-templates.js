#!/usr/bin/env node
// prepack: the templates live at the workspace root (templates/); the published package carries a
// copy of them, which the CLI finds first (src/template-catalog.ts).
'use strict';
const { cpSync, existsSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const source = join(__dirname, '..', '..', '..', 'templates');
const target = join(__dirname, '..', 'templates');
if (!existsSync(source)) {
  console.error(`copy-templates: ${source} does not exist`);
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
cpSync(source, target, {
  recursive: true,
  filter: (path) => !/[\\/](node_modules|dist)([\\/]|$)/.test(path),
});
