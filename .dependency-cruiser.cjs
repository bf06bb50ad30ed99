/** Dependency boundaries of the legato monorepo (checked in CI by scripts/check-packages.sh). */
const { readArchitectureGraph } = require('./scripts/architecture-graph.cjs');

const NOT_TEST = '(\\.test(-d)?\\.ts$|\\.prop\\.test\\.ts$|/_test/|/__test-helpers__/)';

/**
 * One rule per package from the graph in docs/architecture.md (the one source of truth): its
 * runtime code imports only the packages the graph draws from it, plus `errors`.
 */
function documentedGraphRules() {
  const { runtime, bundle } = readArchitectureGraph(__dirname);
  return [...runtime].map(([pkg, deps]) => {
    const allowed = [pkg, 'errors', ...deps, ...(bundle.get(pkg) ?? [])];
    return {
      name: `documented-graph-${pkg}`,
      comment: `docs/architecture.md draws ${pkg} → ${[...deps].join(', ') || 'errors only'}${bundle.has(pkg) ? ` (bundle entry: ${[...bundle.get(pkg)].join(', ')})` : ''}; change the doc first.`,
      severity: 'error',
      from: { path: `^packages/${pkg}/src/`, pathNot: NOT_TEST },
      to: { path: `^packages/(?!(${allowed.join('|')})/)[^/]+/` },
    };
  });
}

module.exports = {
  forbidden: [
    ...documentedGraphRules(),
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
      comment:
        'Published runtime packages never depend on the Node-only testkit, the CLI or the private test-data.',
      severity: 'error',
      from: {
        path: '^packages/(?!testkit|cli|test-data)[^/]+/src/',
        pathNot: '(\\.test(-d)?\\.ts$|/_test/)',
      },
      to: { path: '(^|/)(@legato/(testkit|cli|test-data)|packages/(testkit|cli|test-data)/)' },
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
