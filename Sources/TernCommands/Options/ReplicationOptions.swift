import ArgumentParser
import TernCommandSupport
import TernCore
import TernNet
import TernWire

/// `--member-id`, `--max-frame`: who this process is on a replication connection and how large a
/// frame it accepts. Shared by tern-recv and tern-xfer; the domain comes from `DomainOptions` or,
/// for `pull`, from `MembershipOptions`.
public struct ReplicationOptions: ParsableArguments, Sendable {
    /// The member id, or nil for a random one.
    @Option(help: ArgumentHelp("This process's member id, 32 hex digits (default: random).", valueName: "hex"))
    public var memberID: String?

    /// `--max-frame`.
    @OptionGroup public var frame: FrameLimitOptions

    /// Creates the defaults.
    public init() {}

    /// Rejects malformed values.
    public func validate() throws {
        if let memberID, MemberID(hex: memberID) == nil {
            throw ValidationError("--member-id \(memberID): expected 32 hexadecimal digits")
        }
    }

    /// The identity to announce in `domain`: the given member id, or a random one; keyed with `keys`.
    public func identity(domain: String, keys: ClusterKeyRing? = nil) -> ReplicationIdentity {
        var generator = SystemRandomNumberGenerator()
        let member = memberID.flatMap(MemberID.init(hex:)) ?? MemberID.random(using: &generator)
        return ReplicationIdentity(domain: domain, member: member, keys: keys)
    }

    /// The frame limits.
    public var limits: FrameLimits { frame.limits }
}

/// Parses a duration option (`500ms`, `3s`, `1m`) or throws a usage error naming it.
package func parseDuration(_ text: String, option: String, allowZero: Bool = false) throws -> Int64 {
    guard let millis = DurationText.parse(text), millis > 0 || (allowZero && millis == 0) else {
        throw ValidationError("\(option) \(text): expected a duration such as 500ms, 10s or 1m")
    }
    return millis
}

/// Parses an endpoint option or throws a usage error naming it.
package func parseEndpoint(_ text: String, option: String, allowZero: Bool = false) throws -> Endpoint {
    do {
        return try Endpoint(parsing: text, allowZero: allowZero)
    } catch {
        throw ValidationError("\(option): \(error)")
    }
}
