#!/usr/bin/env node
// The published entry of the CLI: runs the built code (see src/cli/main.ts).
'use strict';
require('../dist/cli/main.js');
