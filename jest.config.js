// ts-jest in ESM mode: NestJS 12 ships ESM-only packages that CommonJS Jest cannot load.
// Type checking is `npm run typecheck`; here files are only transpiled (isolatedModules).
const paths = {
  '^@onevisit/(.*)$': '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
};
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: paths,
  transform,
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  // A global option: Jest ignores it inside `projects`. End-to-end hooks boot apps and
  // wait for queues, which takes longer than the default 5 s on a loaded 2-core machine.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      // test/ holds the harnesses' own pure helpers too (bench statistics).
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/test/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/e2e-environment.ts'],
    },
  ],
};
