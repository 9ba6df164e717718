# Sourced by scripts/node-matrix.sh and scripts/pack-smoke.sh: official Node binaries by major version,
# fetched from the npm registry (the node-<os>-<arch> packages carry the release's bin/node) and kept in
# a cache folder outside the repository.
#
#   node_bin_dir MAJOR   prints the folder holding that major's `node` (fetching it when needed)
#
# R1_TUI_NODE_CACHE overrides the cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/r1-tui-ci).
# The newest release of the major is asked of the registry once per run; without the registry a cached
# binary of that major is used as it is.

node_cache_root() {
  printf '%s\n' "${R1_TUI_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/r1-tui-ci}"
}

node_package_name() {
  local os arch
  os=$(node -p 'process.platform')
  arch=$(node -p 'process.arch')
  case "$os" in
    linux | darwin) ;;
    *) echo "node-matrix: no node-$os-$arch package is used here; run it on Linux or macOS" >&2; return 1 ;;
  esac
  printf 'node-%s-%s\n' "$os" "$arch"
}

# Newest published version of MAJOR (the registry lists them unordered), or nothing when unreachable.
node_latest_version() {
  local pkg=$1 major=$2
  npm view "$pkg@$major" version --json 2>/dev/null | node -e '
    let text = "";
    process.stdin.on("data", (d) => (text += d)).on("end", () => {
      let list;
      try { list = [].concat(JSON.parse(text)); } catch { return; }
      const key = (v) => v.split(".").map(Number);
      list.sort((a, b) => { const x = key(a), y = key(b); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
      if (list.length > 0) console.log(list[list.length - 1]);
    });'
}

node_bin_dir() {
  local major=$1 pkg dir want have tmp
  pkg=$(node_package_name) || return 1
  dir="$(node_cache_root)/node-$major"
  want=$(node_latest_version "$pkg" "$major")
  have=$(cat "$dir/version" 2>/dev/null || true)
  if [ -x "$dir/bin/node" ] && { [ -z "$want" ] || [ "$want" = "$have" ]; }; then
    printf '%s\n' "$dir/bin"
    return 0
  fi
  if [ -z "$want" ]; then
    echo "node-matrix: cannot ask the npm registry for $pkg@$major and no cached copy is in $dir" >&2
    return 1
  fi
  echo "node-matrix: fetching $pkg@$want into $dir" >&2
  tmp=$(mktemp -d)
  if ! (cd "$tmp" && npm pack --silent "$pkg@$want" >/dev/null && tar xzf "$pkg-$want.tgz" package/bin/node); then
    rm -rf "$tmp"
    echo "node-matrix: could not fetch $pkg@$want" >&2
    return 1
  fi
  mkdir -p "$dir/bin"
  mv -f "$tmp/package/bin/node" "$dir/bin/node"
  printf '%s\n' "$want" >"$dir/version"
  rm -rf "$tmp"
  if [ "$("$dir/bin/node" --version)" != "v$want" ]; then
    echo "node-matrix: $dir/bin/node does not report v$want" >&2
    return 1
  fi
  printf '%s\n' "$dir/bin"
}
