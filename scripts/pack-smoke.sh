#!/usr/bin/env bash
# Pack/install smoke, as a user gets r1-tui:
# 1. a clean clone of HEAD (no dist/), its dependencies installed without scripts, then `npm pack`:
#    the `prepare` script must build dist/ into the tarball;
# 2. `npm install -g --prefix <empty folder> <tarball>`: timed, installed size measured, and no installed
#    package may have an install script (nothing is downloaded or built at install time);
# 3. the installed `r1-tui --version` and the pty smoke test (R1_TUI_SMOKE_BIN) on Node 20 (the
#    machine's) and on each major given (default 22 24 26; binaries from scripts/nodes.sh);
# 4. `npx --yes --package <tarball> r1-tui --version` (a path alone would be run as a program).
#
#   bash scripts/pack-smoke.sh [MAJOR...]
#
# Packs what is committed (HEAD), not uncommitted changes. Needs `npm ci` done in this checkout (the
# smoke test runs from here).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/nodes.sh
repo=$(pwd)
majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(22 24 26)

work=$(mktemp -d "${TMPDIR:-/tmp}/r1-tui-pack.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -z "$(git status --porcelain --untracked-files=no)" ] || echo "pack-smoke: uncommitted changes are not in the tarball (it packs HEAD)"

echo "== clean clone of $(git rev-parse --short HEAD), dependencies without scripts, npm pack"
git clone --quiet --no-local "$repo" "$work/clone"
git -C "$work/clone" checkout --quiet "$(git rev-parse HEAD)"
[ ! -e "$work/clone/dist" ] || { echo "pack-smoke: the clean clone already has dist/"; exit 1; }
(cd "$work/clone" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
tarball_name=$(cd "$work/clone" && npm pack --silent --pack-destination "$work" | tail -n 1)
tarball="$work/$tarball_name"
tar tzf "$tarball" >"$work/entries.txt"
grep -qx 'package/dist/cli.js' "$work/entries.txt" || { echo "pack-smoke: $tarball_name has no dist/cli.js"; exit 1; }
echo "tarball $tarball_name: $(wc -c <"$tarball" | tr -d " ") bytes packed, $(wc -l <"$work/entries.txt") entries"

echo "== npm install -g --prefix <empty> $tarball_name"
prefix="$work/prefix"
mkdir "$prefix"
now_ms() { node -p "Date.now()"; }
start=$(now_ms)
npm install -g --prefix "$prefix" --no-audit --no-fund --loglevel=error "$tarball"
ms=$(($(now_ms) - start))
installed="$prefix/lib/node_modules/r1-tui"
echo "installed in ${ms} ms; size $(du -sk "$installed" | cut -f1) KiB ($(du -sh "$installed" | cut -f1)); $(find "$installed/node_modules" -name package.json -not -path '*/test/*' | wc -l) package.json files"
scripts=$(find "$installed/node_modules" -name package.json -print0 | xargs -0 node -e '
  const fs = require("node:fs");
  for (const f of process.argv.slice(1)) {
    let p; try { p = JSON.parse(fs.readFileSync(f, "utf8")); } catch { continue; }
    const s = p.scripts || {};
    for (const k of ["preinstall", "install", "postinstall"]) if (s[k] && p.name) console.log(`${p.name}: ${k}: ${s[k]}`);
  }')
[ -z "$scripts" ] || { echo "pack-smoke: installed packages with install scripts:"; echo "$scripts"; exit 1; }
echo "no installed package has an install script"

expected="r1-tui $(node -p 'require("./package.json").version')"
run_on() {
  local bin=$1 out err
  err="$work/stderr.txt"
  out=$(PATH="$bin:$PATH" "$prefix/bin/r1-tui" --version 2>"$err")
  [ "$out" = "$expected" ] || { echo "pack-smoke: r1-tui --version on $("$bin/node" --version) printed '$out'"; return 1; }
  [ ! -s "$err" ] || { echo "pack-smoke: r1-tui --version on $("$bin/node" --version) wrote to stderr:"; cat "$err"; return 1; }
  echo "== installed r1-tui on node $("$bin/node" --version): --version ok, pty smoke test"
  PATH="$bin:$PATH" R1_TUI_SMOKE_BIN="$prefix/bin/r1-tui" "$bin/node" node_modules/vitest/vitest.mjs run test/e2e/smoke.test.ts
}
run_on "$(dirname "$(command -v node)")"
for major in "${majors[@]}"; do run_on "$(node_bin_dir "$major")"; done

echo "== npx --yes --package <tarball> r1-tui --version"
out=$(cd "$work" && npx --yes --package "$tarball" r1-tui --version)
[ "$out" = "$expected" ] || { echo "pack-smoke: npx printed '$out'"; exit 1; }
echo "$out"
echo "pack smoke passed"
