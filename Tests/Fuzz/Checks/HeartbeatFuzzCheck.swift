import NIOCore
import TernCore
import TernWire

/// The heartbeat target: any datagram either fails with the decoder's typed error or decodes to a
/// heartbeat that re-encodes to exactly the same bytes. A tern heartbeat is then checked, signed and
/// judged as a keyed member would (`HeartbeatSigningFuzzCheck`); Tomcat records that reach the same
/// entry point (`MembershipDatagram.decode`) get the Tribes member checks. Every input also runs as
/// an admission script (`HeartbeatAdmissionFuzzCheck`).
enum HeartbeatFuzzCheck {
    static func check(_ input: [UInt8]) throws(FuzzViolation) -> Bool {
        try HeartbeatAdmissionFuzzCheck.check(input)
        let datagram = ByteBuffer(bytes: input)
        let decoded: MembershipDatagram
        do {
            decoded = try MembershipDatagram.decode(datagram)
        } catch {
            _ = error.description
            return false
        }
        switch decoded {
        case .tern(let heartbeat):
            try roundTrip(heartbeat, input)
            try HeartbeatSigningFuzzCheck.check(heartbeat, input)
        case .tribes(let member): try TribesFuzzCheck.roundTrip(member, input)
        }
        return true
    }

    /// Re-encodes a decoded heartbeat: the same bytes, and the authenticated part ends where the
    /// authentication section starts.
    static func roundTrip(_ decoded: DecodedHeartbeat, _ input: [UInt8]) throws(FuzzViolation) {
        var encoded = ByteBuffer()
        do {
            try HeartbeatCodec.encode(decoded.heartbeat, authentication: decoded.authentication, into: &encoded)
        } catch {
            throw FuzzViolation("a decoded heartbeat does not encode: \(error)")
        }
        try require(
            Array(encoded.readableBytesView) == input, "a decoded heartbeat re-encodes to different bytes")
        try require(
            decoded.authenticatedBytes == input.count - 2 - decoded.authentication.tag.count,
            "authenticatedBytes \(decoded.authenticatedBytes) is not where the authentication section starts")
    }

    static func seeds() throws -> [(name: String, bytes: [UInt8])] {
        let member = MemberID(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)
        let heartbeats: [(String, Heartbeat, HeartbeatAuthentication)] = [
            ("minimal", Heartbeat(domain: "", member: member, incarnation: 0, sequence: nil, interval: 0), .none),
            (
                "ready", Heartbeat(
                    domain: "prod", member: member, incarnation: 1_767_225_600_000, sequence: 42, interval: 500,
                    name: "node-1", endpoint: Endpoint(host: "127.0.0.1", port: 4000)), .none
            ),
            (
                "starting-tags", Heartbeat(
                    domain: "prod", member: member, incarnation: 7, sequence: 1, interval: 1000, name: "node-2",
                    endpoint: Endpoint(host: "::1", port: 4001), state: .starting,
                    tags: [HeartbeatTag("zone", "a"), HeartbeatTag("role", "web"), HeartbeatTag("", "")]), .none
            ),
            (
                "leaving", Heartbeat(
                    domain: "staging", member: member, incarnation: -1, sequence: .max, interval: Int64(UInt32.max),
                    name: "nœud-3", endpoint: Endpoint(host: "", port: 65535), state: .leaving), .none
            ),
            (
                "authenticated", Heartbeat(
                    domain: "prod", member: member, incarnation: 99, sequence: 3, interval: 500, name: "node-4",
                    endpoint: Endpoint(host: "10.0.0.4", port: 4000)),
                HeartbeatAuthentication(
                    scheme: HeartbeatFormat.Scheme.hmacSHA256.rawValue,
                    tag: (0..<HeartbeatFormat.Scheme.hmacSHA256.tagBytes).map { UInt8($0) })
            ),
            (
                "long-strings", Heartbeat(
                    domain: String(repeating: "d", count: 255), member: member, incarnation: 5, sequence: 9,
                    interval: 250, name: String(repeating: "n", count: 200)), .none
            ),
        ]
        var seeds: [(name: String, bytes: [UInt8])] = []
        for (name, heartbeat, authentication) in heartbeats {
            var buffer = ByteBuffer()
            try HeartbeatCodec.encode(heartbeat, authentication: authentication, into: &buffer)
            seeds.append(("tern-\(name)", Array(buffer.readableBytesView)))
        }
        // Signed with the fixed keys, so the fuzzer starts from tags that verify.
        for (name, keys) in [("a", HeartbeatSigningFuzzCheck.keys), ("b", HeartbeatSigningFuzzCheck.keysSigningB)] {
            var buffer = ByteBuffer()
            try HeartbeatAuthenticator.encode(heartbeats[1].1, signedWith: keys, into: &buffer)
            seeds.append(("tern-signed-\(name)", Array(buffer.readableBytesView)))
        }
        // Tomcat heartbeats reach the same entry point.
        seeds += TribesFuzzCheck.memberSeeds().map { ("tribes-\($0.name)", $0.bytes) }
        return seeds
    }
}
