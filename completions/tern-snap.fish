function __tern-snap_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tern-snap_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tern-snap_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tern-snap_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tern-snap_parse_tokens -S
    set -l unparsed_tokens (__tern-snap_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tern-snap'
        __tern-snap_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'inspect'
            __tern-snap_parse_subcommand 1 'at=' 'json' 'version' 'h/help'
        case 'ls'
            __tern-snap_parse_subcommand 1 'context=+' 'id-prefix=' 'live' 'expired' 'at=' 'json' 'version' 'h/help'
        case 'cat'
            __tern-snap_parse_subcommand 1 'context=+' 'id-prefix=' 'live' 'expired' 'at=' 'version' 'h/help'
        case 'import'
            __tern-snap_parse_subcommand 1 'o/output=' 'compress' 'cluster=' 'level=' 'threads=' 'version' 'h/help'
        case 'verify'
            __tern-snap_parse_subcommand 1 'max-age=' 'q/quiet' 'json' 'version' 'h/help'
        case 'compress'
            __tern-snap_parse_subcommand 1 'o/output=' 'f/force' 'level=' 'threads=' 'version' 'h/help'
        case 'decompress'
            __tern-snap_parse_subcommand 1 'o/output=' 'f/force' 'version' 'h/help'
        case 'diff'
            __tern-snap_parse_subcommand 2 'ignore-access-time' 'reveal' 'json' 'version' 'h/help'
        case 'merge'
            __tern-snap_parse_subcommand -r 1 'o/output=' 'compress' 'cluster=' 'level=' 'threads=' 'version' 'h/help'
        case 'generate'
            __tern-snap_parse_subcommand 0 'sessions=' 'attr-bytes=' 'attrs=' 'contexts=' 'seed=' 'binary-percent=' 'tombstone-percent=' 'now=' 'cluster=' 'o/output=' 'compress' 'level=' 'threads=' 'version' 'h/help'
        case 'help'
            __tern-snap_parse_subcommand -r 1 'version'
        end
    end
end

function __tern-snap_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tern-snap_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __tern-snap_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tern-snap_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tern-snap_tokens -p)
    if test -z "$(__tern-snap_tokens -t)"
        set -l index (count (__tern-snap_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tern-snap' -f
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap" version' -l 'version' -d 'Show the version.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_positional "tern-snap" -eq 1' -fa 'inspect' -d 'Summarize a snapshot: header, compression, sessions per context, sizes, access times.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_positional "tern-snap" -eq 1' -fa 'ls' -d 'List sessions: context, id, created, last access, max inactive, expires in, attributes, bytes.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_positional "tern-snap" -eq 1' -fa 'cat' -d 'Export a snapshot as JSON Lines, attribute values included.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_positional "tern-snap" -eq 1' -fa 'import' -d 'Build a snapshot from JSON Lines in the form cat prints (the exact inverse of cat).'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_positional "tern-snap" -eq 1' -fa 'verify' -d 'Check a snapshot\'s integrity: structure, record order, count and SHA-256.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_positional "tern-snap" -eq 1' -fa 'compress' -d 'Compress with gzip, deflating blocks on several threads into one standard gzip stream.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_positional "tern-snap" -eq 1' -fa 'decompress' -d 'Decompress a gzip file (one or more members, as zcat does).'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_positional "tern-snap" -eq 1' -fa 'diff' -d 'Compare two snapshots: added, removed and changed sessions.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_positional "tern-snap" -eq 1' -fa 'merge' -d 'Merge snapshots: the newest version of each session, tombstones respected.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_positional "tern-snap" -eq 1' -fa 'generate' -d 'Write a deterministic synthetic snapshot for tests, demos and benchmarks.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_positional "tern-snap" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap inspect" at' -l 'at' -d 'The instant that decides live or expired: RFC 3339, a date, @SECONDS, or now.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap inspect" json' -l 'json' -d 'Print JSON Lines (one object per line, with a "kind" field) instead of text.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap inspect" version' -l 'version' -d 'Show the version.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap inspect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap ls"' -l 'context' -d 'Only sessions of this context (repeatable).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap ls" id-prefix' -l 'id-prefix' -d 'Only sessions whose id starts with this.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap ls" live' -l 'live' -d 'Only sessions that have not expired at --at (tombstones are left out).'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap ls" expired' -l 'expired' -d 'Only sessions that have expired at --at (tombstones are left out).'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap ls" at' -l 'at' -d 'The instant that decides live or expired: RFC 3339 (2026-01-01T12:00:00Z), a date, @SECONDS, or now.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap ls" json' -l 'json' -d 'Print JSON Lines (one object per line, with a "kind" field) instead of text.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap ls" version' -l 'version' -d 'Show the version.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap ls" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap cat"' -l 'context' -d 'Only sessions of this context (repeatable).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap cat" id-prefix' -l 'id-prefix' -d 'Only sessions whose id starts with this.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap cat" live' -l 'live' -d 'Only sessions that have not expired at --at (tombstones are left out).'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap cat" expired' -l 'expired' -d 'Only sessions that have expired at --at (tombstones are left out).'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap cat" at' -l 'at' -d 'The instant that decides live or expired: RFC 3339 (2026-01-01T12:00:00Z), a date, @SECONDS, or now.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap cat" version' -l 'version' -d 'Show the version.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap cat" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap import" o output' -l 'output' -s 'o' -d 'Output snapshot, or - for standard output (gzip for a .gz name).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap import" compress' -l 'compress' -d 'Compress with gzip whatever the output name.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap import" cluster' -l 'cluster' -d 'Cluster name when the input has no snapshot line.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap import" level' -l 'level' -d 'Compression level, 0 (store) to 9 (smallest).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap import" threads' -l 'threads' -d 'Threads that deflate independent blocks in parallel (default: all cores).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap import" version' -l 'version' -d 'Show the version.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap verify" max-age' -l 'max-age' -d 'Exit 1 if the snapshot was created longer ago than this (e.g. 26h).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap verify" q quiet' -l 'quiet' -s 'q' -d 'Print nothing when the snapshot is good.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap verify" json' -l 'json' -d 'Print JSON Lines (one object per line, with a "kind" field) instead of text.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap verify" version' -l 'version' -d 'Show the version.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap compress" o output' -l 'output' -s 'o' -d 'Output file, or - for standard output.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap compress" f force' -l 'force' -s 'f' -d 'Replace an existing FILE.gz when -o is not given.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap compress" level' -l 'level' -d 'Compression level, 0 (store) to 9 (smallest).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap compress" threads' -l 'threads' -d 'Threads that deflate independent blocks in parallel (default: all cores).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap compress" version' -l 'version' -d 'Show the version.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap compress" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap decompress" o output' -l 'output' -s 'o' -d 'Output file, or - for standard output.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap decompress" f force' -l 'force' -s 'f' -d 'Replace an existing output when -o is not given.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap decompress" version' -l 'version' -d 'Show the version.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap decompress" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap diff" ignore-access-time' -l 'ignore-access-time' -d 'Ignore last-access times (sessions that were only used, not changed, compare equal).'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap diff" reveal' -l 'reveal' -d 'Show attribute values of changed and added attributes.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap diff" json' -l 'json' -d 'Print JSON Lines (one object per line, with a "kind" field) instead of text.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap diff" version' -l 'version' -d 'Show the version.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap merge" o output' -l 'output' -s 'o' -d 'Output file, or - for standard output (gzip for a .gz name).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap merge" compress' -l 'compress' -d 'Compress with gzip whatever the output name.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap merge" cluster' -l 'cluster' -d 'Cluster name for the header (default: the first input\'s).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap merge" level' -l 'level' -d 'Compression level, 0 (store) to 9 (smallest).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap merge" threads' -l 'threads' -d 'Threads that deflate independent blocks in parallel (default: all cores).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap merge" version' -l 'version' -d 'Show the version.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap merge" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" sessions' -l 'sessions' -d 'Number of records (sessions and tombstones).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" attr-bytes' -l 'attr-bytes' -d 'Attribute value size, or a range MIN-MAX (K, M suffixes).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" attrs' -l 'attrs' -d 'Attributes per session, or a range MIN-MAX (at most 16).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" contexts' -l 'contexts' -d 'Number of contexts.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" seed' -l 'seed' -d 'Seed of the generator.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" binary-percent' -l 'binary-percent' -d 'Percentage of values that are random bytes.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" tombstone-percent' -l 'tombstone-percent' -d 'Percentage of records that are tombstones.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" now' -l 'now' -d 'The snapshot\'s creation time: RFC 3339, a date, @SECONDS, or now.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" cluster' -l 'cluster' -d 'Cluster name in the header.' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" o output' -l 'output' -s 'o' -d 'Output file, or - for standard output (gzip for a .gz name).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" compress' -l 'compress' -d 'Compress with gzip whatever the output name.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" level' -l 'level' -d 'Compression level, 0 (store) to 9 (smallest).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" threads' -l 'threads' -d 'Threads that deflate independent blocks in parallel (default: all cores).' -rfka ''
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" version' -l 'version' -d 'Show the version.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap generate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-snap' -n '__tern-snap_should_offer_completions_for_flags_or_options "tern-snap help" version' -l 'version' -d 'Show the version.'
