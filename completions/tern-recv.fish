function __tern-recv_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tern-recv_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tern-recv_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tern-recv_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tern-recv_parse_tokens -S
    set -l unparsed_tokens (__tern-recv_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tern-recv'
        __tern-recv_parse_subcommand 0 'listen=' 'threads=' 'serve-state' 'load=' 'bootstrap-from=' 'bootstrap-timeout=' 'snapshot=' 'compress' 'record=' 'json' 'reveal' 'quiet' 'member-id=' 'max-frame=' 'domain=' 'max-sessions=' 'key-file=' 'max-connections=' 'max-connections-per-peer=' 'idle-timeout=' 'handshake-timeout=' 'log-level=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __tern-recv_parse_subcommand -r 1 'version'
        end
    end
end

function __tern-recv_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tern-recv_parse_subcommand -S -a positional_count
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

function __tern-recv_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tern-recv_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tern-recv_tokens -p)
    if test -z "$(__tern-recv_tokens -t)"
        set -l index (count (__tern-recv_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tern-recv' -f
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" listen' -l 'listen' -d 'Address to listen on: HOST:PORT, [IPV6]:PORT or :PORT (every address); port 0 picks a free one.' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" threads' -l 'threads' -d 'Event-loop threads for connections (the store has one owner thread).' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" serve-state' -l 'serve-state' -d 'Answer state transfers, subscriptions and anti-entropy rounds from the store (a passive backup).'
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" load' -l 'load' -d 'Start with the records of this snapshot.' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" bootstrap-from' -l 'bootstrap-from' -d 'Before serving state, pull the state of this member; live messages are held meanwhile.' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" bootstrap-timeout' -l 'bootstrap-timeout' -d 'Silence from --bootstrap-from after which the transfer is given up.' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" snapshot' -l 'snapshot' -d 'Write the store to this snapshot on SIGUSR1 and on exit (atomically; gzip for a .gz name).' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" compress' -l 'compress' -d 'Compress --snapshot with gzip whatever its name.'
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" record' -l 'record' -d 'Record the raw message stream to this file (replay: tern-xfer push FILE). With --key-file, the opened messages are recorded, in the clear.' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" json' -l 'json' -d 'Print JSON Lines (one object per line, with an "event" field) instead of text.'
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" reveal' -l 'reveal' -d 'Include attribute values in message lines (they are private data).'
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" quiet' -l 'quiet' -d 'No line per message (the other events are still printed).'
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" member-id' -l 'member-id' -d 'This process\'s member id, 32 hex digits (default: random).' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" max-frame' -l 'max-frame' -d 'Largest frame payload accepted or sent, e.g. 16M (K, M, G suffixes); a peer sending a larger frame is disconnected before the frame is read.' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" domain' -l 'domain' -d 'Cluster (domain) name sent in every connection preface; peers of another domain are refused.' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" max-sessions' -l 'max-sessions' -d 'Most live sessions one context holds, or \'unlimited\'. A create beyond it answers 507 and a replicated new session is refused; updates of existing sessions always pass.' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" key-file' -l 'key-file' -d 'Cluster keys, one base64 key of 32 bytes per line (tern-node keygen makes one); the first signs, all are accepted. The file must not be open to group or others (chmod 600). Without it the cluster is open.' -rF
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" max-connections' -l 'max-connections' -d 'Replication connections held at once, from everyone. A connection over it is closed as soon as it is accepted, before anything is read; each member holds a few (one per sender connection, plus state transfers, anti-entropy rounds and watchers).' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" max-connections-per-peer' -l 'max-connections-per-peer' -d 'Replication connections held at once from one IP address (members on one host share it). A flood from one address then cannot take the slots of the others.' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" idle-timeout' -l 'idle-timeout' -d 'Close a replication connection on which no complete frame arrived for this long (a dead, silent or trickling peer); 0 never does. Clients that stay connected ping after 10 s of silence (a node\'s own senders after a quarter of its --idle-timeout), so keep it above 20s.' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" handshake-timeout' -l 'handshake-timeout' -d 'Close a replication connection whose peer has not finished its preface (with --key-file, the key proof first) within this time.' -rfka ''
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" log-level' -l 'log-level' -d 'Least severe log message printed on stderr: trace, debug, info, notice, warning, error or critical.' -rfka 'trace debug info notice warning error critical'
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" version' -l 'version' -d 'Show the version.'
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_positional "tern-recv" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tern-recv' -n '__tern-recv_should_offer_completions_for_flags_or_options "tern-recv help" version' -l 'version' -d 'Show the version.'
