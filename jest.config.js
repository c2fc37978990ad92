// One jest run for the whole workspace; SWC transforms TypeScript with decorator metadata,
// which the framework's tsyringe injection needs.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/examples'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Workspace packages are tested from their TypeScript source, so no build is needed first.
  moduleNameMapper: {
    '^telegram-mtproto-core$': '<rootDir>/packages/core/src/index.ts',
    '^mtbot-local-dc$': '<rootDir>/packages/local-dc/src/index.ts',
    '^mtbot$': '<rootDir>/packages/mtbot/src/index.ts',
  },
  testTimeout: 30000,
};
