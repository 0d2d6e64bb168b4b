#!/usr/bin/env bash
# make bench: every benchmark of the project, figures printed as Markdown tables.
# Figures, not assertions: compare them with the goals in docs/PERFORMANCE.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${TERN_BIN_DIR:-$(cd "$here/../.." && swift build -c release --show-bin-path)}
"$here/snapshot.sh" "$bin"
"$here/membership.sh" "$bin"
"$here/replication.sh" "$bin"
"$here/node.sh" "$bin"
