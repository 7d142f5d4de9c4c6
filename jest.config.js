/** Type checking is done once by `tsc --noEmit` in `npm test`; ts-jest only transpiles here. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // android-sms-gateway ships ES modules only: transpiled to CommonJS for Jest (Node itself loads it).
    'node_modules/android-sms-gateway/.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!android-sms-gateway/)'],
  setupFilesAfterEnv: ['<rootDir>/test/support/no-network.ts'],
  testTimeout: 30000,
  // Most test files wait more than they compute (providers that take time to answer, child processes,
  // the browser): one worker per core, not Jest's default of one fewer, which on a 2-core CI machine is one.
  maxWorkers: '100%',
};
