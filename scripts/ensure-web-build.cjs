/**
 * Before `npm start`: build the web app once if it has not been built, so that a fresh clone's
 * `npm ci && npm start` serves the browser app too. A later `npm run build:web` rebuilds it.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const index = path.resolve(__dirname, '..', 'apps', 'web', 'dist', 'index.html');
if (!fs.existsSync(index)) {
  process.stdout.write('building the web app (first start only; `npm run build:web` rebuilds it) ...\n');
  const result = spawnSync('npm', ['run', 'build:web', '--silent'], { stdio: 'inherit', cwd: path.resolve(__dirname, '..') });
  if (result.status !== 0) {
    process.stderr.write('the web app did not build; the API starts without it\n');
  }
}
