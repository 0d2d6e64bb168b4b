import TernCore
import TernTestKit

/// A node's sessions driven by a manual clock and a seeded generator.
struct NodeSessionsHarness {
    var clock = ManualClock()
    var random = TestRandom(seed: 42)
    var sessions: NodeSessions

    init(
        style: ReplicationStyle = .delta, route: String? = nil, touchInterval: Int64 = 10_000,
        maxSessionsPerContext: Int = .max
    ) {
        sessions = NodeSessions(
            configuration: NodeSessionConfiguration(
                member: Samples.memberA, route: route, style: style, touchInterval: touchInterval,
                maxSessionsPerContext: maxSessionsPerContext))
    }

    /// Attributes from name → UTF-8 text.
    static func attributes(_ pairs: [String: String]) -> Attributes {
        Attributes(pairs.map { Attribute(name: $0.key, value: Array($0.value.utf8)) })
    }

    /// Creates a session in `shop` (which must have room); returns its key.
    mutating func create(_ pairs: [String: String] = [:], maxInactive: Int32? = nil) -> SessionKey {
        try! sessions.create(
            context: "shop", attributes: Self.attributes(pairs), maxInactiveSeconds: maxInactive, now: clock.now,
            using: &random
        ).session!.key
    }
}
