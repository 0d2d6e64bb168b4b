import NIOCore
import TernCore
import TernWire
import TernWireSealing

/// The fixed sides of the sealing target: our server and client (`FuzzKeys.ours`, fixed nonces), a
/// connection established in memory, and the seeds a real peer makes against our sides.
enum SealingPeers {
    /// Our server side, before any byte arrives.
    static let server = SecureHandshake(role: .server, keys: FuzzKeys.ours, nonce: nonce(0x5E))
    /// Our client side, before any byte arrives.
    static let client = SecureHandshake(role: .client, keys: FuzzKeys.ours, nonce: nonce(0xC1))
    /// The client that established `pair` with our server.
    static let peerClient = SecureHandshake(role: .client, keys: FuzzKeys.ring(FuzzKeys.a), nonce: nonce(0x77))
    /// An established connection: `peerClient` and our server, both channels from record 0.
    static let pair = channels(pump(client: peerClient, server: server))
    /// What the protocol derives for `pair`.
    static let pairKeys = SealingReference.Keys(
        FuzzKeys.a, clientHello: peerClient.hello.bytes, serverHello: server.hello.bytes)
    /// Another connection under the same key, with other nonces: its records must not open on `pair`.
    static let otherPair = channels(
        pump(
            client: SecureHandshake(role: .client, keys: FuzzKeys.ring(FuzzKeys.a), nonce: nonce(0x78)),
            server: SecureHandshake(role: .server, keys: FuzzKeys.ours, nonce: nonce(0x5F))))

    /// What the two sides of a handshake sent (hellos included) and the channels they established.
    struct Exchange {
        var clientSent: [UInt8] = []
        var serverSent: [UInt8] = []
        var client: SecureChannel?
        var server: SecureChannel?
    }

    /// Runs both sides in memory until neither has more to say.
    static func pump(client: SecureHandshake, server: SecureHandshake) -> Exchange {
        var client = client
        var server = server
        var exchange = Exchange(clientSent: client.hello.bytes, serverSent: server.hello.bytes)
        var toServer = ByteBuffer(bytes: client.hello.bytes)
        var toClient = ByteBuffer(bytes: server.hello.bytes)
        var clientDone = false
        var serverDone = false
        for _ in 0..<4 {
            if !clientDone {
                clientDone = step(&client, &toClient, sent: &exchange.clientSent, channel: &exchange.client, to: &toServer)
            }
            if !serverDone {
                serverDone = step(&server, &toServer, sent: &exchange.serverSent, channel: &exchange.server, to: &toClient)
            }
        }
        return exchange
    }

    /// Feeds one side what it has received; true once it is established or failed.
    private static func step(
        _ side: inout SecureHandshake, _ incoming: inout ByteBuffer, sent: inout [UInt8], channel: inout SecureChannel?,
        to outgoing: inout ByteBuffer
    ) -> Bool {
        do {
            while let action = try side.onBytes(&incoming) {
                switch action {
                case .send(let bytes):
                    sent += bytes
                    outgoing.writeBytes(bytes)
                case .established(let established, let bytes):
                    sent += bytes
                    outgoing.writeBytes(bytes)
                    channel = established
                    return true
                case .refuse(let bytes, _):
                    sent += bytes
                    outgoing.writeBytes(bytes)
                    return true
                }
            }
            return false
        } catch {
            return true
        }
    }

    private static func channels(_ exchange: Exchange) -> (client: SecureChannel, server: SecureChannel) {
        guard let client = exchange.client, let server = exchange.server else {
            fatalError("the sealing target's fixed handshake does not establish")
        }
        return (client, server)
    }

    static func nonce(_ byte: UInt8) -> [UInt8] {
        [UInt8](repeating: byte, count: SecureHello.nonceSize)
    }

    /// The plaintexts of the seeds' records: a version-1 preface, and a ping frame.
    static func plaintexts() throws -> [[UInt8]] {
        let items: [ReplicationItem] = [
            .preface(ConnectionPreface(domain: "prod", member: MemberID(high: 0, low: 1))),
            .frame(Frame(sequence: 1, flags: .ackRequested, body: .ping(nonce: 7))),
        ]
        return try items.map { item in
            var buffer = ByteBuffer()
            try item.encode(into: &buffer)
            return Array(buffer.readableBytesView)
        }
    }

    /// Records `channel` seals, one per plaintext.
    static func records(_ channel: SecureChannel?, _ plaintexts: [[UInt8]]) throws -> [UInt8] {
        guard var channel else { fatalError("a seed's handshake does not establish") }
        var buffer = ByteBuffer()
        for plaintext in plaintexts { try channel.sealer.seal(ByteBuffer(bytes: plaintext), into: &buffer) }
        return Array(buffer.readableBytesView)
    }

    static func seeds() throws -> [(name: String, bytes: [UInt8])] {
        let plaintexts = try plaintexts()
        var seeds: [(name: String, bytes: [UInt8])] = []
        // What a client holding these keys sends our server.
        let clients: [(String, ClusterKeyRing)] = [
            ("a", FuzzKeys.ring(FuzzKeys.a)), ("b-then-a", FuzzKeys.ring(FuzzKeys.b, FuzzKeys.a)),
            ("unknown-then-a", FuzzKeys.ring(FuzzKeys.c, FuzzKeys.a)), ("unknown-then-b", FuzzKeys.ring(FuzzKeys.c, FuzzKeys.b)),
        ]
        for (name, keys) in clients {
            let exchange = pump(client: SecureHandshake(role: .client, keys: keys, nonce: nonce(0x77)), server: server)
            let stream = exchange.clientSent + (try records(exchange.client, plaintexts))
            seeds.append(("server-hears-client-\(name)", SealingFuzzCheck.Plan.encode(.server, chunks: [1, 9, 40], stream: stream)))
        }
        // What a server holding these keys sends our client.
        let servers: [(String, ClusterKeyRing)] = [
            ("a", FuzzKeys.ring(FuzzKeys.a)), ("b", FuzzKeys.ring(FuzzKeys.b)),
            ("unknown-b-a", FuzzKeys.ring(FuzzKeys.c, FuzzKeys.b, FuzzKeys.a)),
        ]
        for (name, keys) in servers {
            let exchange = pump(client: client, server: SecureHandshake(role: .server, keys: keys, nonce: nonce(0x77)))
            let stream = exchange.serverSent + (try records(exchange.server, plaintexts))
            seeds.append(("client-hears-server-\(name)", SealingFuzzCheck.Plan.encode(.client, chunks: [7, 33], stream: stream)))
        }
        // Records the peer client seals on `pair`.
        let sizes: [[UInt8]] = [[0x2A], [UInt8](repeating: 0x11, count: 100), (0..<300).map { UInt8($0 & 0xFF) }]
        seeds.append(("records-three", SealingFuzzCheck.Plan.encode(.records, chunks: [5, 64], stream: try records(pair.client, sizes))))
        seeds.append(("records-frames", SealingFuzzCheck.Plan.encode(.records, chunks: [], stream: try records(pair.client, plaintexts))))
        // Plaintext our sealers seal.
        seeds.append(
            ("round-trip-text", SealingFuzzCheck.Plan.encode(.roundTrip, chunks: [3, 10], flip: (5, 0x01), stream: Array("sealed both ways".utf8))))
        seeds.append(
            ("round-trip-frames", SealingFuzzCheck.Plan.encode(.roundTrip, chunks: [64, 1], flip: (1000, 0xFF), stream: plaintexts.flatMap { $0 })))
        return seeds
    }
}
