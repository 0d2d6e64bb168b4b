import ArgumentParser

/// `--max-sessions`: how many live sessions one context of a session store may hold (tern-node,
/// tern-recv). Beyond it a create answers 507 and a replicated put of a new session is refused
/// ("too large"); updates of held sessions always pass (docs/LIMITS.md).
public struct StoreLimitOptions: ParsableArguments, Sendable {
    /// The default bound: about 5.5 GiB of 256-byte sessions in one context, past what one node
    /// should hold, yet far below what would exhaust a large machine's memory.
    public static let defaultMaxSessions = 10_000_000

    /// The bound as typed.
    @Option(
        help: ArgumentHelp(
            "Most live sessions one context holds, or 'unlimited'. A create beyond it answers 507 and a replicated new session is refused; updates of existing sessions always pass.",
            valueName: "count"))
    public var maxSessions: String = String(StoreLimitOptions.defaultMaxSessions)

    /// Creates the defaults.
    public init() {}

    /// Rejects anything but a positive whole number or `unlimited`.
    public func validate() throws {
        guard maxSessions == "unlimited" || (Int(maxSessions).map { $0 >= 1 } ?? false) else {
            throw ValidationError(
                "--max-sessions \(maxSessions): expected a whole number of at least 1, or 'unlimited'")
        }
    }

    /// The bound; `Int.max` for `unlimited`.
    public var maxSessionsPerContext: Int {
        maxSessions == "unlimited" ? .max : Int(maxSessions) ?? Self.defaultMaxSessions
    }
}
