/** Settings shared by the unit/end-to-end tier (jest.config.js) and the conformance tier. */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  resolver: '<rootDir>/scripts/jest-resolver.cjs',
  transform: {
    '^.+\\.(t|j|mj)sx?$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@actions|@octokit|universal-user-agent|before-after-hook|fast-content-type-parse|json-with-bigint|marked)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // .ci/out holds CI's tools (a Python venv among them), nothing to test or to map modules from.
  modulePathIgnorePatterns: ['<rootDir>/.ci/out/'],
};
