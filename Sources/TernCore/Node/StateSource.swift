/// A member a starting node may ask for state: alive, announcing `ready` and a replication
/// endpoint. The oldest (earliest incarnation, then lowest id) is asked first, as Tomcat asks its
/// oldest member.
public struct StateSource: Sendable, Hashable, CustomStringConvertible {
    /// The member.
    public var member: MemberID
    /// Its name.
    public var name: String
    /// When it started (its heartbeat's incarnation).
    public var incarnation: UnixMillis
    /// Where it receives replication and serves state.
    public var endpoint: Endpoint

    /// Creates a source.
    public init(member: MemberID, name: String, incarnation: UnixMillis, endpoint: Endpoint) {
        self.member = member
        self.name = name
        self.incarnation = incarnation
        self.endpoint = endpoint
    }

    /// `name (member8) at endpoint`.
    public var description: String { "\(name.isEmpty ? "?" : name) (\(member.short)) at \(endpoint)" }

    /// The members of `table` that may serve state, oldest first. A member that announced its
    /// endpoint as `:PORT` is reached at the address its heartbeat came from.
    public static func candidates(in table: MembershipTable) -> [StateSource] {
        table.members.values.compactMap { record -> StateSource? in
            guard record.status == .alive, record.heartbeat.state == .ready,
                record.heartbeat.member != table.configuration.localMember,
                var endpoint = record.heartbeat.endpoint
            else { return nil }
            if endpoint.host.isEmpty, let source = try? Endpoint(parsing: record.source) {
                endpoint.host = source.host
            }
            return StateSource(
                member: record.heartbeat.member, name: record.heartbeat.name,
                incarnation: record.heartbeat.incarnation, endpoint: endpoint)
        }
        .sorted { ($0.incarnation, $0.member) < ($1.incarnation, $1.member) }
    }
}
