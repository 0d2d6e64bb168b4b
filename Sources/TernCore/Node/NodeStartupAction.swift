/// What the shell must do for a `NodeStartup`, in the order given.
public enum NodeStartupAction: Sendable, Hashable {
    /// Connect to the source and send a state request; apply the records of each chunk to the
    /// store and report them with `onRecords`, then `onTransferEnd` or `onTransferFailed`.
    case requestState(StateSource)
    /// Apply these live messages now, in order.
    case apply([ReplicationMessage])
    /// Apply these queued live messages, in order, then call `onQueuedApplied(now:)`.
    case applyQueued([ReplicationMessage])
    /// Apply the local snapshot (`--data-dir`), if there is one, by newest-wins.
    case loadSnapshot
    /// A state transfer ended without the source's full state: log the verdict (it names the peer).
    case gaveUp(BootstrapVerdict)
    /// Start-up is over: announce `ready`, answer state requests, then open the HTTP port. The
    /// verdict of the transfer, nil when no member was ready to ask.
    case becomeReady(BootstrapVerdict?)
    /// `--require-state` and the state did not arrive: stop with the verdict (exit 75 when it
    /// timed out, 69 when the source failed).
    case exit(BootstrapVerdict)
}
