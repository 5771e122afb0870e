// A bpmnlint NodeResolver that finds this plugin by its package name without it being installed
// in node_modules (it lives in apps/web, not in the workspace list). Used by the Vite build to
// compile .bpmnlintrc and by the Node tests.
const path = require('node:path');
const { createRequire } = require('node:module');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const PLUGIN = 'bpmnlint-plugin-referral';
const PLUGIN_DIR = path.resolve(__dirname, '..');

function createReferralResolver(fromDir) {
  const base = createRequire(path.join(fromDir || PLUGIN_DIR, 'noop.js'));
  const map = (id) => (id === PLUGIN || id.startsWith(`${PLUGIN}/`) ? PLUGIN_DIR + id.slice(PLUGIN.length) : id);
  const scoped = (id) => base(map(id));
  scoped.resolve = (id) => base.resolve(map(id));
  return new NodeResolver({ require: scoped });
}

module.exports = { createReferralResolver, PLUGIN, PLUGIN_DIR };
