// Bundle-size budgets (minified + brotli, runtime dependencies like rxjs and xmldom excluded so the
// number is legato's own code). Checked in CI by scripts/check-packages.sh; numbers in the README.
const external = ['rxjs', 'rxjs/operators', '@xmldom/xmldom', '@svta/cml-cmcd'];
const pkg = (name, limit, extra = {}) => ({
  name: `@legato/${name}`,
  path: `packages/${name}/dist/index.js`,
  limit,
  ignore: external,
  ...extra,
});

module.exports = [
  pkg('errors', '2 kB'),
  pkg('isobmff', '8 kB'),
  // mpd bundles parsePssh / parseSidx / the Widevine decoder from @legato/isobmff, which has its own budget.
  pkg('mpd', '14 kB', { ignore: [...external, '@legato/isobmff'] }),
  pkg('bandwidth', '5 kB'),
  pkg('abr', '8 kB'),
  // sim bundles @legato/abr and @legato/bandwidth (its legato-policy adapter); they have their own budgets.
  pkg('sim', '8 kB', { ignore: [...external, '@legato/abr', '@legato/bandwidth'] }),
  pkg('fetch', '10 kB'),
  pkg('buffer', '8 kB'),
  pkg('drm', '16 kB'),
  pkg('eme', '12 kB'),
  pkg('engine', '60 kB'),
];
