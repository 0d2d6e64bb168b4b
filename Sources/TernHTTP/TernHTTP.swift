/// TernHTTP is tern-node's HTTP API on Hummingbird: the session routes, members, health, readiness
/// and Prometheus metrics (docs/HTTP.md). Routes call a `SessionService`; the node's runtime
/// provides the real one (TernNet), `LocalSessionService` a single node without peers.
public enum TernHTTP {}
