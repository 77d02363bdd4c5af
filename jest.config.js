/** `npm test`: unit tests and end-to-end tests on the simulator. Needs nothing but Node. */
const { availableParallelism } = require('node:os');
const base = require('./jest.base.cjs');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/{packages,actions}/*/test/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '\\.conformance\\.test\\.ts$'],
  testTimeout: 60000,
  // The end-to-end suites mostly wait (on child processes, the simulator's clock and smoke checks' intervals): at
  // least three workers even on a 2-core machine, where jest would otherwise run one.
  maxWorkers: Math.max(3, availableParallelism() - 1),
};
