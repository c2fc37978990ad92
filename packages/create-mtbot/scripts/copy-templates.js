#!/usr/bin/env node
// prepack: the templates live at the workspace root (templates/); the published package carries a
// copy of them (src/template-catalog.ts uses it when installed). postpack (`--remove`) deletes the
// copy again, so the workspace never holds two sets of templates for its tests and lint to find.
'use strict';
const { cpSync, existsSync, rmSync } = require('node:fs');
const { basename, join } = require('node:path');

const source = join(__dirname, '..', '..', '..', 'templates');
const target = join(__dirname, '..', 'templates');
rmSync(target, { recursive: true, force: true });
if (process.argv.includes('--remove')) process.exit(0);
if (!existsSync(source)) {
  console.error(`copy-templates: ${source} does not exist`);
  process.exit(1);
}
// The same rule as copying into a project (prepack has just built dist/).
const { isTemplateFile } = require('../dist/copy-template.js');
cpSync(source, target, {
  recursive: true,
  filter: (path) => path === source || isTemplateFile(basename(path)),
});
