/**
 * After `tsc`: copies the files the libraries load at run time that tsc does not emit (plain
 * JavaScript such as the FEEL sandbox, JSON schemas) from libs/<lib>/src to dist/libs/<lib>/src.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
let copied = 0;
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (/\.(c?js|json)$/.test(entry.name)) {
      const target = path.join(root, 'dist', path.relative(root, p));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(p, target);
      copied++;
    }
  }
}
for (const lib of fs.readdirSync(path.join(root, 'libs'))) {
  const src = path.join(root, 'libs', lib, 'src');
  if (fs.existsSync(src)) walk(src);
}
console.log(`copied ${copied} asset file(s) into dist/`);
