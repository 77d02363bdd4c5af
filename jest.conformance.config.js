/** `npm run test:conformance`: third-party tools (podman, skopeo, moto, actionlint, zizmor, act) against our work. */
const base = require('./jest.base.cjs');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/**/test/**/*.conformance.test.ts'],
  testTimeout: 300000,
  maxWorkers: 1,
};
