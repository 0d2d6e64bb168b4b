/// TernNet: the only module with sockets, tasks and timers.
///
/// Each service here is a SwiftNIO shell around a pure state machine of TernCore: it turns what
/// arrives (datagrams, frames, timer expiries) into events for the machine, and carries out what
/// the machine returns. Services conform to ServiceLifecycle's `Service`, so a tool composes them
/// in one `ServiceGroup` with graceful shutdown. See docs/ARCHITECTURE.md.
public enum TernNet {}
