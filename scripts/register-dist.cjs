/** Runs the compiled build (`npm run build` → dist/): resolves `@app/<lib>` to `dist/libs/<lib>/src`. */
'use strict';
const path = require('node:path');
const Module = require('node:module');

const dist = path.resolve(__dirname, '..', 'dist');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const m = /^@app\/([a-z-]+)$/.exec(request);
  return resolve.call(this, m ? path.join(dist, 'libs', m[1], 'src') : request, ...rest);
};
