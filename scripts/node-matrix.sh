#!/usr/bin/env bash
# The Node version matrix: on each major (default 22 24 26; Node 20 is the machine's and runs the full
# suite with `npm test`) run the unit and component suites and the pty smoke test
# (test/e2e/smoke.test.ts: --demo, ask, answer, quit, terminal restored, stderr empty).
#
#   bash scripts/node-matrix.sh [MAJOR...]        e.g. bash scripts/node-matrix.sh 26
#
# Node binaries come from the npm registry (scripts/nodes.sh) and are cached outside the repository.
# Needs `npm ci` done (vitest, @lydell/node-pty) and builds dist/ when it is missing.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/nodes.sh

majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(22 24 26)
[ -f dist/cli.js ] || npm run build --silent || exit 1

failed=()
summary=()
for major in "${majors[@]}"; do
  if ! bin=$(node_bin_dir "$major"); then
    failed+=("node $major: no binary")
    continue
  fi
  version=$("$bin/node" --version)
  echo "== node $version ($bin/node): unit and component suites"
  start=$(date +%s)
  # PATH first: child processes that run `node` by name get the same version.
  PATH="$bin:$PATH" "$bin/node" node_modules/vitest/vitest.mjs run --exclude 'test/e2e/**' --reporter=dot
  unit=$?
  echo "== node $version: pty smoke test"
  PATH="$bin:$PATH" "$bin/node" node_modules/vitest/vitest.mjs run test/e2e/smoke.test.ts
  smoke=$?
  seconds=$(($(date +%s) - start))
  summary+=("node $version: unit+component $([ $unit -eq 0 ] && echo passed || echo FAILED), smoke $([ $smoke -eq 0 ] && echo passed || echo FAILED) (${seconds}s)")
  [ $unit -eq 0 ] || failed+=("node $version unit+component")
  [ $smoke -eq 0 ] || failed+=("node $version smoke")
done

echo "== node matrix"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'node matrix FAILED: %s\n' "${failed[*]}"
  exit 1
fi
echo "node matrix passed"
