/// Counts a receiver's open connections, in total and per remote address, and decides whether one
/// more may be accepted: the pure part of the accept-time check (`ConnectionGate` runs it before
/// anything is allocated for the connection).
public struct ConnectionAdmission: Sendable {
    /// The limits checked.
    public let bounds: ConnectionBounds
    /// Connections admitted and not yet released.
    public private(set) var total = 0
    private var perAddress: [String: Int] = [:]

    /// No connection yet.
    public init(bounds: ConnectionBounds) {
        self.bounds = bounds
    }

    /// Admits a connection from `address` (counting it), or says which bound refuses it (counting
    /// nothing). Every admitted connection must be released once.
    public mutating func admit(_ address: String) -> ConnectionBound? {
        guard total < bounds.maxConnections else { return .total }
        let held = perAddress[address, default: 0]
        guard held < bounds.maxConnectionsPerPeer else { return .perPeer }
        total += 1
        perAddress[address] = held + 1
        return nil
    }

    /// Releases an admitted connection from `address`.
    public mutating func release(_ address: String) {
        guard let held = perAddress[address] else { return }
        total -= 1
        perAddress[address] = held > 1 ? held - 1 : nil
    }

    /// Connections admitted and not released from `address`.
    public func count(from address: String) -> Int {
        perAddress[address, default: 0]
    }
}
