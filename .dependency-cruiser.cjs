/** Dependency boundaries of the legato monorepo (checked in CI by scripts/check-packages.sh). */
module.exports = {
  forbidden: [
    {
      name: 'packages-by-name-only',
      comment: 'A package imports another only by its package name (@legato/x), never by a path.',
      severity: 'error',
      from: { path: '^packages/([^/]+)/' },
      to: {
        path: '^packages/([^/]+)/',
        pathNot: '^packages/$1/',
        dependencyTypesNot: ['aliased-tsconfig'],
      },
    },
    {
      name: 'core-is-pure',
      comment: 'src/core folders import no rxjs, no node built-ins, no DOM or I/O libraries.',
      severity: 'error',
      from: {
        path: '^packages/[^/]+/src/(core|[a-z-]+/core)/',
        pathNot: '\\.(test|prop\\.test|test-d)\\.ts$',
      },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg'],
        pathNot:
          '(^|/)(@legato/(errors|isobmff|mpd|bandwidth|abr|sim|buffer))($|/)|^packages/(errors|isobmff|mpd|bandwidth|abr|sim|buffer)/',
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'published-code-not-testkit',
      comment: 'Published runtime packages never depend on the Node-only testkit or the CLI.',
      severity: 'error',
      from: {
        path: '^packages/(?!testkit|cli)[^/]+/src/',
        pathNot: '(\\.test(-d)?\\.ts$|/_test/)',
      },
      to: { path: '(^|/)(@legato/(testkit|cli)|packages/(testkit|cli)/)' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^packages/[^/]+/dist/' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
