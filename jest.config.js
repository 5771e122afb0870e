// Three tiers (see README): unit specs beside the code (no I/O), integration specs
// (*.int-spec.ts, real PostgreSQL/Redis) and end-to-end specs under test/.
const esmPackages = [
  '@nestjs', 'bpmn-moddle', 'moddle', 'moddle-xml', 'saxen', 'min-dash', 'feelin', 'lezer-feel',
  '@lezer', 'temporal-polyfill', 'temporal-utils', 're2js', 'zeebe-bpmn-moddle', 'cron-parser', 'luxon', 'jose', 'openid-client', 'oauth4webapi',
].join('|');

const base = {
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: [`node_modules/(?!(${esmPackages})/)`],
  moduleNameMapper: { '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    { ...base, displayName: 'fault', testMatch: ['<rootDir>/test/runtime/**/*.fault-spec.ts'] },
  ],
};
