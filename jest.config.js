// ts-jest in ESM mode: NestJS 12 ships ESM-only packages that CommonJS Jest cannot load.
// Type checking is `npm run typecheck`; here files are only transpiled (isolatedModules).
const paths = {
  '^@onevisit/(.*)$': '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const ESM_REQUIRED_FROM_COMMONJS = '/node_modules/content-disposition/.+\\.js$';
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  // Node.js (20.19 and later) lets a CommonJS package require an ES module, and
  // @fastify/static (under the queue dashboard and the OpenAPI page) requires the ESM-only
  // content-disposition 3; Jest's module loader cannot, so Jest gets that one file as
  // CommonJS.
  [ESM_REQUIRED_FROM_COMMONJS]: [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } },
  ],
};
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: paths,
  transform,
  transformIgnorePatterns: [
    '/node_modules/(?!(@fastify/static/node_modules/)?content-disposition/)',
  ],
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
