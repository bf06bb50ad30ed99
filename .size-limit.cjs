// Bundle-size budgets (minified + brotli). Third-party runtime dependencies (rxjs, xmldom, the
// CMCD library) are excluded so the number is legato's own code; other @legato packages a
// package bundles are counted unless noted. The `… only` entries import one function and prove
// the pure cores tree-shake. Checked in CI by scripts/check-packages.sh; numbers in the README.
//
// Every budget was cut to the measured size plus ~5–10 % when the error registry's descriptions
// left the runtime bundles (LegatoError reads its default `retryable` from a short list, and the
// registry is a pure expression a bundle drops unless it reads `errorCodes`/`describeErrorCode`):
// each bundle that throws a LegatoError had carried all ~80 descriptions, 2.5–2.9 kB (parsePssh
// alone 5.25 → 2.40 kB, createAbrController alone 5.99 → 3.12 kB, engine 50.69 → 48.17 kB).
// Raise one only with the reason beside it.
const external = ['rxjs', 'rxjs/operators', '@xmldom/xmldom', '@svta/cml-cmcd'];
const pkg = (name, limit, extra = {}) => ({
  name: `@legato/${name}`,
  path: `packages/${name}/dist/index.js`,
  limit,
  ignore: external,
  ...extra,
});
const only = (name, imported, limit) =>
  pkg(name, limit, { name: `@legato/${name}: ${imported} only`, import: `{ ${imported} }` });

module.exports = [
  // The whole package: the registry with its descriptions (3.52 kB).
  pkg('errors', '3.8 kB'),
  pkg('isobmff', '13.5 kB'), // 12.69 kB
  only('isobmff', 'parsePssh', '2.6 kB'), // 2.40 kB
  // mpd bundles parsePssh / parseSidx / the Widevine decoder from @legato/isobmff, which has its own budget.
  pkg('mpd', '19.5 kB', { ignore: [...external, '@legato/isobmff'] }), // 18.28 kB
  pkg('bandwidth', '2.8 kB'), // 2.55 kB
  only('bandwidth', 'createBandwidthEstimator', '2.4 kB'), // 2.19 kB
  pkg('abr', '5.3 kB'), // 4.88 kB
  only('abr', 'createAbrController', '3.4 kB'), // 3.12 kB
  // sim bundles @legato/abr and @legato/bandwidth (its legato-policy adapter); they have their own budgets.
  pkg('sim', '8 kB', { ignore: [...external, '@legato/abr', '@legato/bandwidth'] }), // 7.40 kB
  pkg('fetch', '6 kB'), // 5.55 kB
  pkg('buffer', '5.2 kB'), // 4.75 kB
  only('buffer', 'scheduleBuffer', '3 kB'), // 2.73 kB
  pkg('drm', '19 kB'), // 17.77 kB
  pkg('eme', '15 kB'), // 13.83 kB
  pkg('engine', '50 kB'), // 48.17 kB
  {
    name: '@legato/eme/browser (engine + adapters + rxjs + xmldom, one file)',
    path: 'packages/eme/dist/browser/legato.browser.js',
    limit: '92 kB', // 89.52 kB
  },
];
