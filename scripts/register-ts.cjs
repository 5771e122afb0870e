/**
 * Runs the TypeScript sources directly (npm start, benchmarks, the compile worker thread):
 * compiles `.ts` with swc (decorator metadata on, which NestJS injection and validation need and
 * esbuild-based runners do not emit) and resolves the `@app/<lib>` aliases to `libs/<lib>/src`.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const options = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = swc.transformSync(source, { ...options, filename });
  module._compile(code, filename);
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const m = /^@app\/([a-z-]+)$/.exec(request);
  return resolve.call(this, m ? path.join(root, 'libs', m[1], 'src') : request, ...rest);
};
