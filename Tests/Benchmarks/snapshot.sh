#!/usr/bin/env bash
# Snapshot benchmark (issue "Foundation"): on a ~256 MiB generated snapshot, tern-snap compress vs
# gzip and pigz, decompress vs gzip -d, verify and inspect throughput, peak RSS of each.
# Usage: snapshot.sh BIN_DIR [SIZE_MIB]   (each measurement: median of RUNS runs, default 3)
set -euo pipefail
bin=$1
size_mib=${2:-${BENCH_SIZE_MIB:-256}}
runs=${RUNS:-3}
snap="$bin/tern-snap"
work=$(mktemp -d "${TMPDIR:-/tmp}/tern-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cores=$(nproc)

# Size the snapshot: measure a sample, then scale the session count to reach size_mib.
"$snap" generate --sessions 1000 --seed 42 -o "$work/sample.tsnap"
per_session=$(( $(stat -c %s "$work/sample.tsnap") / 1000 ))
sessions=$(( size_mib * 1024 * 1024 / per_session ))
"$snap" generate --sessions "$sessions" --seed 42 --attr-bytes 200-4K --binary-percent 20 -o "$work/s.tsnap"
bytes=$(stat -c %s "$work/s.tsnap")
mib=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')

# measure NAME OUTPUT_FILE COMMAND...: runs COMMAND $runs times (stdout to OUTPUT_FILE or /dev/null),
# prints "median_seconds max_rss_kib".
measure() {
    local out=$1; shift
    local times=() rss=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$out"
        read -r t m < "$work/time"
        times+=("$t"); (( m > rss )) && rss=$m
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v r="$rss" '{ a[NR] = $1 } END { printf "%s %s\n", a[int((NR + 1) / 2)], r }'
}

row() { # label seconds rss_kib input_bytes output_file_or_-
    local label=$1 secs=$2 rss=$3 in=$4 out=$5 ratio="—"
    if [[ $out != - ]]; then ratio=$(awk -v a="$in" -v b="$(stat -c %s "$out")" 'BEGIN { printf "%.3f", a / b }'); fi
    awk -v l="$label" -v s="$secs" -v r="$rss" -v i="$in" -v q="$ratio" \
        'BEGIN { printf "| %s | %.2f | %.0f | %s | %.1f |\n", l, s, (s > 0 ? i / s / 1e6 : 0), q, r / 1024 }'
}

cat "$work/s.tsnap" > /dev/null   # warm the page cache
echo
echo "### Snapshot: $mib MiB, $sessions sessions, $cores cores, $(date -u +%Y-%m-%d), $(uname -r)"
echo
echo "| command | seconds (median of $runs) | MB/s (uncompressed) | ratio | peak RSS MiB |"
echo "|---|---|---|---|---|"
read -r s m < <(measure "$work/t.gz" "$snap" compress --level 6 --threads 2 -o - "$work/s.tsnap")
row "tern-snap compress --level 6 --threads 2" "$s" "$m" "$bytes" "$work/t.gz"
read -r s m < <(measure "$work/p.gz" pigz -6 -p 2 -c "$work/s.tsnap")
row "pigz -6 -p 2" "$s" "$m" "$bytes" "$work/p.gz"
read -r s m < <(measure "$work/g.gz" gzip -6 -c "$work/s.tsnap")
row "gzip -6" "$s" "$m" "$bytes" "$work/g.gz"
read -r s m < <(measure "$work/t1.gz" "$snap" compress --level 6 --threads 1 -o - "$work/s.tsnap")
row "tern-snap compress --level 6 --threads 1" "$s" "$m" "$bytes" "$work/t1.gz"
read -r s m < <(measure /dev/null "$snap" decompress -o - "$work/t.gz")
row "tern-snap decompress" "$s" "$m" "$bytes" -
read -r s m < <(measure /dev/null gzip -d -c "$work/t.gz")
row "gzip -d" "$s" "$m" "$bytes" -
read -r s m < <(measure /dev/null "$snap" verify "$work/s.tsnap")
row "tern-snap verify (plain)" "$s" "$m" "$bytes" -
read -r s m < <(measure /dev/null "$snap" inspect "$work/s.tsnap")
row "tern-snap inspect (plain)" "$s" "$m" "$bytes" -
read -r s m < <(measure /dev/null "$snap" verify "$work/t.gz")
row "tern-snap verify (gzip)" "$s" "$m" "$bytes" -
read -r s m < <(measure /dev/null sha256sum "$work/s.tsnap")
row "sha256sum (SHA-256 bound of verify)" "$s" "$m" "$bytes" -
echo
gzip -t "$work/t.gz" && echo "gzip -t accepts tern-snap's output; zcat | cmp: $(zcat "$work/t.gz" | cmp - "$work/s.tsnap" && echo identical)"
