import TernCore

/// A Tomcat member record: the body of a Tribes heartbeat, and the sender inside each channel message.
/// Field names follow Tomcat's `MemberImpl`.
public struct TribesMember: Sendable, Hashable {
    /// Milliseconds since the member's membership service started.
    public var aliveTime: Int64
    /// The TCP port of its receiver.
    public var port: Int32
    /// Its TLS port; −1 for none.
    public var securePort: Int32
    /// Its UDP port; −1 for none.
    public var udpPort: Int32
    /// Its address: 4 bytes (IPv4) or 16 (IPv6).
    public var host: [UInt8]
    /// A command; empty for a heartbeat, `BABY-ALEX` when the member stops.
    public var command: [UInt8]
    /// The cluster domain, ISO-8859-1 bytes (empty by default in Tomcat).
    public var domain: [UInt8]
    /// A random 16-byte id, new at each start of the member.
    public var uniqueId: [UInt8]
    /// Application bytes attached to the member.
    public var payload: [UInt8]

    /// Creates a record.
    public init(
        aliveTime: Int64, port: Int32, securePort: Int32 = -1, udpPort: Int32 = -1, host: [UInt8],
        command: [UInt8] = [], domain: [UInt8] = [], uniqueId: [UInt8], payload: [UInt8] = []
    ) {
        self.aliveTime = aliveTime
        self.port = port
        self.securePort = securePort
        self.udpPort = udpPort
        self.host = host
        self.command = command
        self.domain = domain
        self.uniqueId = uniqueId
        self.payload = payload
    }

    /// Whether this is the graceful-stop record (`BABY-ALEX`).
    public var isShutdown: Bool { command == TribesFormat.shutdownCommand }

    /// The domain as text (ISO-8859-1: one character per byte).
    public var domainText: String { Self.latin1(domain) }

    /// The member id tern uses for this member: the 16 bytes of `uniqueId`, high half first.
    public var memberID: MemberID {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in uniqueId.prefix(16).enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        return MemberID(high: high, low: low)
    }

    /// The 16 bytes of `id`, high half first: a `uniqueId`.
    public static func uniqueId(of id: MemberID) -> [UInt8] {
        withUnsafeBytes(of: id.high.bigEndian) { Array($0) } + withUnsafeBytes(of: id.low.bigEndian) { Array($0) }
    }

    /// The host address as text: dotted IPv4, or IPv6 with the longest run of zero groups as `::`.
    public var hostText: String { Self.addressText(host) }

    /// `text` as ISO-8859-1 bytes; nil when a character is beyond U+00FF.
    public static func latin1Bytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }

    /// ISO-8859-1 `bytes` as text.
    public static func latin1(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// 4 bytes as `a.b.c.d`, 16 as RFC 5952 IPv6, anything else as hex.
    public static func addressText(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        guard bytes.count == 16 else { return Hex.encode(bytes) }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var best = (start: -1, length: 0)
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8 && groups[index] == 0 { index += 1 }
            if index - start > best.length && index - start > 1 { best = (start, index - start) }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.start >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }
}

extension TribesMember {
    /// The membership model's view of this record: domain, id from `uniqueId`, endpoint from host
    /// and port, `leaving` for the shutdown command. Tomcat sends no incarnation (each start has a
    /// new `uniqueId`), sequence number, interval or name.
    public var heartbeat: Heartbeat {
        let endpoint = (1...65535).contains(port) ? Endpoint(host: hostText, port: UInt16(port)) : nil
        return Heartbeat(
            domain: domainText, member: memberID, incarnation: 0, sequence: nil, interval: 0, name: "",
            endpoint: endpoint, state: isShutdown ? .leaving : .ready)
    }
}
