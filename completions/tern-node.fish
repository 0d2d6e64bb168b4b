function __tern-node_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tern-node_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tern-node_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tern-node_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tern-node_parse_tokens -S
    set -l unparsed_tokens (__tern-node_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tern-node'
        __tern-node_parse_subcommand 0 'group=' 'interface=' 'ttl=' 'domain=' 'name=' 'interval=' 'drop-time=' 'peer=+' 'id-file=' 'wire=' 'listen=' 'replication=' 'route=' 'touch-interval=' 'max-inactive=' 'full' 'dirty-only' 'data-dir=' 'snapshot-every=' 'state-timeout=' 'require-state' 'anti-entropy-interval=' 'json' 'key-file=' 'max-frame=' 'max-sessions=' 'max-queue=' 'max-queue-messages=' 'http=' 'http-token-file=' 'http-max-body=' 'http-max-attributes=' 'http-max-value=' 'max-connections=' 'max-connections-per-peer=' 'idle-timeout=' 'handshake-timeout=' 'log-level=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'keygen'
            __tern-node_parse_subcommand 0 'o/output=' 'force' 'version' 'h/help'
        case 'help'
            __tern-node_parse_subcommand -r 1 'version'
        end
    end
end

function __tern-node_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tern-node_parse_subcommand -S -a positional_count
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

function __tern-node_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tern-node_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tern-node_tokens -p)
    if test -z "$(__tern-node_tokens -t)"
        set -l index (count (__tern-node_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tern-node' -f
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" group' -l 'group' -d 'Multicast group and port of the membership.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" interface' -l 'interface' -d 'Network interface to join the group on and send from, by name (eth0) or address; default: as the routing table says.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" ttl' -l 'ttl' -d 'Multicast TTL: how many routers heartbeats may cross (1 = this network only).' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" domain' -l 'domain' -d 'Cluster name; members of other domains are counted and ignored (default: default, or Tomcat\'s empty domain with --wire tribes).' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" name' -l 'name' -d 'This member\'s name in other members\' output (default: the host name).' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" interval' -l 'interval' -d 'Time between heartbeats, such as 500ms or 2s.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" drop-time' -l 'drop-time' -d 'Silence after which a member is dead (at least twice the member\'s own interval).' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node"' -l 'peer' -d 'Also send heartbeats to this member by unicast, for networks without multicast (repeatable).' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" id-file' -l 'id-file' -d 'File holding this member\'s id, created if missing: the id then survives restarts (default: a new id each run).' -rF
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" wire' -l 'wire' -d 'Heartbeat format to write: tern, or tribes (Apache Tomcat\'s). Both are read.' -rfka 'tern tribes'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" listen' -l 'listen' -d 'Where replication and state transfers are received, and the endpoint the heartbeat advertises: HOST:PORT or :PORT (every address; peers use the address the heartbeat came from); port 0 picks a free one.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" replication' -l 'replication' -d 'When a write returns: sync (every peer applied it), pooled (the same, over several connections per peer), or async (at once; replicated in the background).' -rfka 'sync pooled async'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" route' -l 'route' -d 'Suffix of new session ids (.NAME), like Tomcat\'s jvmRoute.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" touch-interval' -l 'touch-interval' -d 'How often access times are replicated, so other members do not expire a session in use here.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" max-inactive' -l 'max-inactive' -d 'Inactivity after which a session created without maxInactive expires (0: never).' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" full' -l 'full' -d 'Replicate whole sessions on every write (default: the attributes a request wrote).'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" dirty-only' -l 'dirty-only' -d 'Replicate only attributes whose value changed (Tomcat\'s useDirtyFlag).'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" data-dir' -l 'data-dir' -d 'Directory of the node\'s snapshot (sessions.tsnap): written at shutdown, every --snapshot-every and on SIGUSR1; loaded at start-up.' -rfa '(__tern-node_complete_directories)'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" snapshot-every' -l 'snapshot-every' -d 'Time between snapshots into --data-dir.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" state-timeout' -l 'state-timeout' -d 'Silence from the member giving the state after which the transfer is given up.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" require-state' -l 'require-state' -d 'Exit (75 timed out, 69 failed) rather than start without the state of a ready member.'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" anti-entropy-interval' -l 'anti-entropy-interval' -d 'Time between anti-entropy rounds, each with the next ready member in turn (0: only with members that come back).' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" json' -l 'json' -d 'Print JSON Lines (one object per line, with an "event" field) instead of text.'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" key-file' -l 'key-file' -d 'Cluster keys, one base64 key of 32 bytes per line (tern-node keygen makes one); the first signs, all are accepted. The file must not be open to group or others (chmod 600). Without it the cluster is open.' -rF
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" max-frame' -l 'max-frame' -d 'Largest frame payload accepted or sent, e.g. 16M (K, M, G suffixes); a peer sending a larger frame is disconnected before the frame is read.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" max-sessions' -l 'max-sessions' -d 'Most live sessions one context holds, or \'unlimited\'. A create beyond it answers 507 and a replicated new session is refused; updates of existing sessions always pass.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" max-queue' -l 'max-queue' -d 'Most bytes an async sender queues for one peer, e.g. 256M (K, M, G suffixes). Beyond it the queue is dropped, the writes waiting on it fail, and the peer is resynchronised by a state transfer; submitting waits while the queue is over half of it.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" max-queue-messages' -l 'max-queue-messages' -d 'Most messages an async sender queues for one peer; beyond it, as for --max-queue.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" http' -l 'http' -d 'Where the HTTP session API listens; port 0 picks a free one. An address other than 127.0.0.1 or [::1] opens it to the network: give it --http-token-file too.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" http-token-file' -l 'http-token-file' -d 'Bearer tokens, one per line (at least 16 characters of letters, digits and -._~+/=; a line of tern-node keygen is one). Every request but /healthz and /readyz must then send \'Authorization: Bearer TOKEN\' with one of them, or is answered 401; several lines let tokens rotate without downtime. The file must not be open to group or others (chmod 600).' -rF
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" http-max-body' -l 'http-max-body' -d 'The largest request body (4096, 64K, 1M: 1K to 64M); a larger one is answered 413 before it is read, when Content-Length announces it.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" http-max-attributes' -l 'http-max-attributes' -d 'The most attributes a session may hold after a write (1 to 65536); more is answered 413.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" http-max-value' -l 'http-max-value' -d 'The largest attribute value, as stored (1 to 16M); a larger one is answered 413.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" max-connections' -l 'max-connections' -d 'Replication connections held at once, from everyone. A connection over it is closed as soon as it is accepted, before anything is read; each member holds a few (one per sender connection, plus state transfers, anti-entropy rounds and watchers).' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" max-connections-per-peer' -l 'max-connections-per-peer' -d 'Replication connections held at once from one IP address (members on one host share it). A flood from one address then cannot take the slots of the others.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" idle-timeout' -l 'idle-timeout' -d 'Close a replication connection on which no complete frame arrived for this long (a dead, silent or trickling peer); 0 never does. Clients that stay connected ping after 10 s of silence (a node\'s own senders after a quarter of its --idle-timeout), so keep it above 20s.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" handshake-timeout' -l 'handshake-timeout' -d 'Close a replication connection whose peer has not finished its preface (with --key-file, the key proof first) within this time.' -rfka ''
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" log-level' -l 'log-level' -d 'Least severe log message printed on stderr: trace, debug, info, notice, warning, error or critical.' -rfka 'trace debug info notice warning error critical'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" version' -l 'version' -d 'Show the version.'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_positional "tern-node" -eq 1' -fa 'keygen' -d 'Write a new random cluster key (one base64 line) for --key-file.'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_positional "tern-node" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node keygen" o output' -s 'o' -l 'output' -d 'Where to write the key: a new file, or - for standard output.' -rF
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node keygen" force' -l 'force' -d 'Replace an existing file (the keys in it are lost).'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node keygen" version' -l 'version' -d 'Show the version.'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node keygen" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-node' -n '__tern-node_should_offer_completions_for_flags_or_options "tern-node help" version' -l 'version' -d 'Show the version.'
