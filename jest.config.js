/** `npm test`: unit tests and end-to-end tests on the simulator. Needs nothing but Node. */
const base = require('./jest.base.cjs');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/{packages,actions}/*/test/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '\\.conformance\\.test\\.ts$'],
  testTimeout: 60000,
};
