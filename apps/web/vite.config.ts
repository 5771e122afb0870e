// Builds the web app to static files in apps/web/dist (served by apps/api with an SPA fallback
// to index.html). The bpmnlint configuration (.bpmnlintrc with the referral plugin's rules) is
// compiled into the bundle here, at build time, as the virtual module `virtual:bpmnlint-config`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const PLUGIN_DIR = path.join(here, 'bpmnlint-plugin-referral');

function bpmnlintConfig(): Plugin {
  const VIRTUAL = 'virtual:bpmnlint-config';
  const RESOLVED = '\0' + VIRTUAL;
  return {
    name: 'referral-bpmnlint-config',
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : null;
    },
    async load(id) {
      if (id !== RESOLVED) return null;
      const rcPath = path.join(here, '.bpmnlintrc');
      this.addWatchFile(rcPath);
      const compileConfig = require('bpmnlint/lib/support/compile-config') as (config: unknown, resolver: unknown) => Promise<string>;
      const { createReferralResolver } = require('./bpmnlint-plugin-referral/lib/node-resolver.js') as {
        createReferralResolver: (fromDir?: string) => unknown;
      };
      return compileConfig(JSON.parse(readFileSync(rcPath, 'utf8')), createReferralResolver(here));
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), bpmnlintConfig()],
  resolve: {
    alias: [{ find: /^bpmnlint-plugin-referral\//, replacement: PLUGIN_DIR + '/' }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    commonjsOptions: { include: [/node_modules/, /bpmnlint-plugin-referral/] },
  },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:3000' } },
  preview: { host: '127.0.0.1' },
});
