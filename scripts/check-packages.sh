#!/usr/bin/env bash
# Package quality gate (CI): every package packs, passes `publint --strict` and
# `attw` (ESM + CJS + types under node10, node16, bundler), its public API matches the checked-in
# report (scripts/api-report.mjs), bundle sizes stay within budget (size-limit), and the
# dependency boundaries hold (dependency-cruiser). Run after `pnpm build`.
set -uo pipefail
cd "$(dirname "$0")/.."
out=.ci/out/packs
rm -rf "$out" && mkdir -p "$out"
fail=0
for dir in packages/*/; do
  name=$(node -p "require('./${dir}package.json').name")
  if ! (cd "$dir" && pnpm pack --pack-destination "../../$out" >/dev/null 2>&1); then
    echo "pack FAILED: $name"; fail=1; continue
  fi
done
for tgz in "$out"/*.tgz; do
  base=$(basename "$tgz")
  if ! pnpm exec publint run "$tgz" --strict --pack false >"$out/$base.publint.txt" 2>&1; then
    echo "publint FAILED: $base"; cat "$out/$base.publint.txt"; fail=1
  fi
  # Browser-only ESM subpaths (`./browser`) are checked under the esm-only profile; the rest strict.
  if ! pnpm exec attw "$tgz" --profile strict --exclude-entrypoints ./browser --format table --no-emoji --no-color >"$out/$base.attw.txt" 2>&1; then
    echo "attw FAILED: $base"; cat "$out/$base.attw.txt"; fail=1
  fi
  if tar -xzOf "$tgz" package/package.json | grep -q '"./browser"'; then
    if ! pnpm exec attw "$tgz" --profile esm-only --entrypoints ./browser --format table --no-emoji --no-color >>"$out/$base.attw.txt" 2>&1; then
      echo "attw (browser) FAILED: $base"; cat "$out/$base.attw.txt"; fail=1
    fi
  fi
done
echo "packed and linted $(ls "$out"/*.tgz | wc -l) packages"
node scripts/check-consumer-install.mjs "$out" || fail=1
node scripts/api-report.mjs --check || fail=1
pnpm exec size-limit || fail=1
pnpm exec depcruise packages --config .dependency-cruiser.cjs --output-type err || fail=1
node scripts/check-architecture-graph.mjs || fail=1
node scripts/check-core-purity.mjs || fail=1
exit $fail
