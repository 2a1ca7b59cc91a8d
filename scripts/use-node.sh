# Puts Node 24 first on PATH, for CI and for local work: `. scripts/use-node.sh`.
#
# When this machine's own node is older than 24, installs the npm registry's
# `node` package (it fetches the official build for this platform as another
# npm package) into a cache folder, once, and uses that. Native add-ons built
# from source then compile against its headers, not the older system ones.
# Sourced, not run: it changes the caller's PATH.

TOUGAO_NODE_VERSION="${TOUGAO_NODE_VERSION:-24.21.0}"

tougao_node_major() {
  "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$(tougao_node_major)" -lt 24 ]; then
  tougao_node_cache="${TOUGAO_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tougao/node-$TOUGAO_NODE_VERSION}"
  tougao_node_bin="$tougao_node_cache/node_modules/node/bin"
  if [ "$(tougao_node_major "$tougao_node_bin/node")" -lt 24 ]; then
    echo "use-node: installing Node $TOUGAO_NODE_VERSION into $tougao_node_cache" >&2
    mkdir -p "$tougao_node_cache"
    # The package's preinstall script is what downloads the binary.
    npm install --prefix "$tougao_node_cache" --no-save --no-audit --no-fund --no-package-lock \
      --foreground-scripts "node@$TOUGAO_NODE_VERSION" >&2 || true
  fi
  if [ "$(tougao_node_major "$tougao_node_bin/node")" -ge 24 ]; then
    export PATH="$tougao_node_bin:$PATH"
    tougao_node_headers="$(dirname "$(readlink -f "$tougao_node_bin/node")")/.."
    for dir in "$tougao_node_cache"/node_modules/node/node_modules/node-*; do
      [ -d "$dir/include/node" ] && tougao_node_headers="$dir"
    done
    [ -d "$tougao_node_headers/include/node" ] && export npm_config_nodedir="$tougao_node_headers"
    unset tougao_node_headers
  else
    echo "use-node: could not install Node $TOUGAO_NODE_VERSION; staying on $(node -v 2>/dev/null || echo 'no node')" >&2
  fi
  unset tougao_node_cache tougao_node_bin
fi
unset -f tougao_node_major
