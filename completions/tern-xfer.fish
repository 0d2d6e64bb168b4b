function __tern-xfer_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tern-xfer_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tern-xfer_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tern-xfer_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tern-xfer_parse_tokens -S
    set -l unparsed_tokens (__tern-xfer_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tern-xfer'
        __tern-xfer_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'pull'
            __tern-xfer_parse_subcommand 0 'from=' 'context=+' 'o/output=' 'keep=' 'prefix=' 'timeout=' 'compress' 'json' 'member-id=' 'max-frame=' 'group=' 'interface=' 'ttl=' 'domain=' 'name=' 'interval=' 'drop-time=' 'peer=+' 'id-file=' 'wire=' 'key-file=' 'log-level=' 'version' 'h/help'
        case 'push'
            __tern-xfer_parse_subcommand 1 'to=' 'mode=' 'pool=' 'window=' 'ack-timeout=' 'connect-timeout=' 'retry-for=' 'json' 'member-id=' 'max-frame=' 'domain=' 'max-queue=' 'max-queue-messages=' 'key-file=' 'log-level=' 'version' 'h/help'
        case 'watch'
            __tern-xfer_parse_subcommand 0 'from=' 'context=+' 'timeout=' 'json' 'reveal' 'member-id=' 'max-frame=' 'domain=' 'key-file=' 'log-level=' 'version' 'h/help'
        case 'help'
            __tern-xfer_parse_subcommand -r 1 'version'
        end
    end
end

function __tern-xfer_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tern-xfer_parse_subcommand -S -a positional_count
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

function __tern-xfer_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tern-xfer_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tern-xfer_tokens -p)
    if test -z "$(__tern-xfer_tokens -t)"
        set -l index (count (__tern-xfer_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tern-xfer' -f
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer" version' -l 'version' -d 'Show the version.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_positional "tern-xfer" -eq 1' -fa 'pull' -d 'Pull all state from a node into a snapshot.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_positional "tern-xfer" -eq 1' -fa 'push' -d 'Replay a snapshot (or a recorded stream) into a node as replication messages.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_positional "tern-xfer" -eq 1' -fa 'watch' -d 'Follow the replication messages a node applies, as they happen.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_positional "tern-xfer" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" from' -l 'from' -d 'The node to pull from: HOST:PORT, or auto (the oldest ready member heard on the membership group).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull"' -l 'context' -d 'Only this context (repeatable).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" o output' -l 'output' -s 'o' -d 'Output file, a directory for dated files, or - for standard output (gzip for a .gz name).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" keep' -l 'keep' -d 'With -o DIR: keep only the newest N dated snapshots.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" prefix' -l 'prefix' -d 'With -o DIR: the name prefix of dated snapshots.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" timeout' -l 'timeout' -d 'Silence from the node after which the pull fails.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" compress' -l 'compress' -d 'Compress with gzip whatever the output name.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" json' -l 'json' -d 'Print the summary as a JSON object instead of text.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" member-id' -l 'member-id' -d 'This process\'s member id, 32 hex digits (default: random).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" max-frame' -l 'max-frame' -d 'Largest frame payload accepted or sent, e.g. 16M (K, M, G suffixes); a peer sending a larger frame is disconnected before the frame is read.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" group' -l 'group' -d 'Multicast group and port of the membership.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" interface' -l 'interface' -d 'Network interface to join the group on and send from, by name (eth0) or address; default: as the routing table says.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" ttl' -l 'ttl' -d 'Multicast TTL: how many routers heartbeats may cross (1 = this network only).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" domain' -l 'domain' -d 'Cluster name; members of other domains are counted and ignored (default: default, or Tomcat\'s empty domain with --wire tribes).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" name' -l 'name' -d 'This member\'s name in other members\' output (default: the host name).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" interval' -l 'interval' -d 'Time between heartbeats, such as 500ms or 2s.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" drop-time' -l 'drop-time' -d 'Silence after which a member is dead (at least twice the member\'s own interval).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull"' -l 'peer' -d 'Also send heartbeats to this member by unicast, for networks without multicast (repeatable).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" id-file' -l 'id-file' -d 'File holding this member\'s id, created if missing: the id then survives restarts (default: a new id each run).' -rF
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" wire' -l 'wire' -d 'Heartbeat format to write: tern, or tribes (Apache Tomcat\'s). Both are read.' -rfka 'tern tribes'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" key-file' -l 'key-file' -d 'Cluster keys, one base64 key of 32 bytes per line (tern-node keygen makes one); the first signs, all are accepted. The file must not be open to group or others (chmod 600). Without it the cluster is open.' -rF
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" log-level' -l 'log-level' -d 'Least severe log message printed on stderr: trace, debug, info, notice, warning, error or critical.' -rfka 'trace debug info notice warning error critical'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" version' -l 'version' -d 'Show the version.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer pull" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" to' -l 'to' -d 'The node to push to.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" mode' -l 'mode' -d 'Delivery mode: sync, pooled or async.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" pool' -l 'pool' -d 'Connections in pooled mode.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" window' -l 'window' -d 'Messages in flight per connection in pooled mode.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" ack-timeout' -l 'ack-timeout' -d 'Time a message may wait for its ack before the connection is replaced.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" connect-timeout' -l 'connect-timeout' -d 'Time a connection attempt may take.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" retry-for' -l 'retry-for' -d 'How long to keep reconnecting to a lost node before giving up.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" json' -l 'json' -d 'Print JSON Lines (one object per line, with an "event" field) instead of text.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" member-id' -l 'member-id' -d 'This process\'s member id, 32 hex digits (default: random).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" max-frame' -l 'max-frame' -d 'Largest frame payload accepted or sent, e.g. 16M (K, M, G suffixes); a peer sending a larger frame is disconnected before the frame is read.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" domain' -l 'domain' -d 'Cluster (domain) name sent in every connection preface; peers of another domain are refused.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" max-queue' -l 'max-queue' -d 'Most bytes an async sender queues for one peer, e.g. 256M (K, M, G suffixes). Beyond it the queue is dropped, the writes waiting on it fail, and the peer is resynchronised by a state transfer; submitting waits while the queue is over half of it.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" max-queue-messages' -l 'max-queue-messages' -d 'Most messages an async sender queues for one peer; beyond it, as for --max-queue.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" key-file' -l 'key-file' -d 'Cluster keys, one base64 key of 32 bytes per line (tern-node keygen makes one); the first signs, all are accepted. The file must not be open to group or others (chmod 600). Without it the cluster is open.' -rF
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" log-level' -l 'log-level' -d 'Least severe log message printed on stderr: trace, debug, info, notice, warning, error or critical.' -rfka 'trace debug info notice warning error critical'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" version' -l 'version' -d 'Show the version.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer push" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch" from' -l 'from' -d 'The node to follow.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch"' -l 'context' -d 'Only this context (repeatable).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch" timeout' -l 'timeout' -d 'Time the connection may take.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch" json' -l 'json' -d 'Print JSON Lines (one object per line, with an "event" field) instead of text.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch" reveal' -l 'reveal' -d 'Include attribute values (they are private data).'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch" member-id' -l 'member-id' -d 'This process\'s member id, 32 hex digits (default: random).' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch" max-frame' -l 'max-frame' -d 'Largest frame payload accepted or sent, e.g. 16M (K, M, G suffixes); a peer sending a larger frame is disconnected before the frame is read.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch" domain' -l 'domain' -d 'Cluster (domain) name sent in every connection preface; peers of another domain are refused.' -rfka ''
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch" key-file' -l 'key-file' -d 'Cluster keys, one base64 key of 32 bytes per line (tern-node keygen makes one); the first signs, all are accepted. The file must not be open to group or others (chmod 600). Without it the cluster is open.' -rF
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch" log-level' -l 'log-level' -d 'Least severe log message printed on stderr: trace, debug, info, notice, warning, error or critical.' -rfka 'trace debug info notice warning error critical'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch" version' -l 'version' -d 'Show the version.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-xfer' -n '__tern-xfer_should_offer_completions_for_flags_or_options "tern-xfer help" version' -l 'version' -d 'Show the version.'
