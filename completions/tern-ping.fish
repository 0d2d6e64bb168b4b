function __tern-ping_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tern-ping_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tern-ping_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tern-ping_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tern-ping_parse_tokens -S
    set -l unparsed_tokens (__tern-ping_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tern-ping'
        __tern-ping_parse_subcommand 0 'group=' 'interface=' 'ttl=' 'domain=' 'name=' 'interval=' 'drop-time=' 'peer=+' 'id-file=' 'wire=' 'announce=' 'listen-only' 'count=' 'duration=' 'once' 'expect=' 'json' 'key-file=' 'log-level=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __tern-ping_parse_subcommand -r 1 'version'
        end
    end
end

function __tern-ping_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tern-ping_parse_subcommand -S -a positional_count
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

function __tern-ping_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tern-ping_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tern-ping_tokens -p)
    if test -z "$(__tern-ping_tokens -t)"
        set -l index (count (__tern-ping_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tern-ping' -f
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" group' -l 'group' -d 'Multicast group and port of the membership.' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" interface' -l 'interface' -d 'Network interface to join the group on and send from, by name (eth0) or address; default: as the routing table says.' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" ttl' -l 'ttl' -d 'Multicast TTL: how many routers heartbeats may cross (1 = this network only).' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" domain' -l 'domain' -d 'Cluster name; members of other domains are counted and ignored (default: default, or Tomcat\'s empty domain with --wire tribes).' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" name' -l 'name' -d 'This member\'s name in other members\' output (default: the host name).' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" interval' -l 'interval' -d 'Time between heartbeats, such as 500ms or 2s.' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" drop-time' -l 'drop-time' -d 'Silence after which a member is dead (at least twice the member\'s own interval).' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping"' -l 'peer' -d 'Also send heartbeats to this member by unicast, for networks without multicast (repeatable).' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" id-file' -l 'id-file' -d 'File holding this member\'s id, created if missing: the id then survives restarts (default: a new id each run).' -rF
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" wire' -l 'wire' -d 'Heartbeat format to write: tern, or tribes (Apache Tomcat\'s). Both are read.' -rfka 'tern tribes'
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" announce' -l 'announce' -d 'Replication endpoint to advertise (a hand-composed node\'s tern-recv); :PORT means the address receivers see.' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" listen-only' -l 'listen-only' -d 'Send nothing: only watch the group.'
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" count' -l 'count' -d 'Stop (and leave) after sending this many heartbeats.' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" duration' -l 'duration' -d 'Stop (and leave) after this long, such as 10s or 5m.' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" once' -l 'once' -d 'Listen for one drop time, print the member table, and exit.'
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" expect' -l 'expect' -d 'Exit 0 if at least N other members were heard by multicast, else 1 with the reason on stderr (listens one drop time unless --count or --duration says otherwise).' -rfka ''
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" json' -l 'json' -d 'Print JSON Lines: one object per event, with an "event" field (see below).'
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" key-file' -l 'key-file' -d 'Cluster keys, one base64 key of 32 bytes per line (tern-node keygen makes one); the first signs, all are accepted. The file must not be open to group or others (chmod 600). Without it the cluster is open.' -rF
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" log-level' -l 'log-level' -d 'Least severe log message printed on stderr: trace, debug, info, notice, warning, error or critical.' -rfka 'trace debug info notice warning error critical'
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" version' -l 'version' -d 'Show the version.'
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_positional "tern-ping" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tern-ping' -n '__tern-ping_should_offer_completions_for_flags_or_options "tern-ping help" version' -l 'version' -d 'Show the version.'
