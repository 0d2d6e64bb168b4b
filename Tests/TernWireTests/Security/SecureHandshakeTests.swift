import NIOCore
import TernCore
import TernWire
import TernWireSealing
import Testing

/// A key of 32 copies of `byte`.
func testKey(_ byte: UInt8) -> ClusterKey {
    try! ClusterKey(bytes: [UInt8](repeating: byte, count: 32))
}

/// A ring of `keys`, first signing.
func ring(_ keys: ClusterKey...) -> ClusterKeyRing {
    ClusterKeyRing(keys)!
}

/// Both ends of a handshake, run in memory until each is established or failed.
struct HandshakePair {
    var client: SecureHandshake
    var server: SecureHandshake
    var clientResult: Result<SecureChannel, SecureChannelError>?
    var serverResult: Result<SecureChannel, SecureChannelError>?
    /// Everything the server sent, hello included, in order.
    var serverSent: [UInt8] = []

    init(client: ClusterKeyRing, server: ClusterKeyRing) {
        self.client = SecureHandshake(role: .client, keys: client, nonce: [UInt8](repeating: 0xC1, count: 32))
        self.server = SecureHandshake(role: .server, keys: server, nonce: [UInt8](repeating: 0x5E, count: 32))
    }

    mutating func run() {
        var toServer = ByteBuffer(bytes: client.hello.bytes)
        var toClient = ByteBuffer(bytes: server.hello.bytes)
        serverSent = server.hello.bytes
        for _ in 0..<4 {
            if clientResult == nil { clientResult = Self.step(&client, &toClient, reply: &toServer) }
            if serverResult == nil {
                let before = toClient.writerIndex
                serverResult = Self.step(&server, &toServer, reply: &toClient)
                serverSent += toClient.getBytes(at: before, length: toClient.writerIndex - before) ?? []
            }
        }
    }

    private static func step(
        _ side: inout SecureHandshake, _ incoming: inout ByteBuffer, reply: inout ByteBuffer
    ) -> Result<SecureChannel, SecureChannelError>? {
        do {
            while let action = try side.onBytes(&incoming) {
                switch action {
                case .send(let bytes): reply.writeBytes(bytes)
                case .established(let channel, let bytes):
                    reply.writeBytes(bytes)
                    return .success(channel)
                case .refuse(let bytes, let error):
                    reply.writeBytes(bytes)
                    return .failure(error)
                }
            }
            return nil
        } catch {
            return .failure(error)
        }
    }
}

@Suite("Keyed handshake")
struct SecureHandshakeTests {
    @Test func peersWithTheSameKeyEstablishAndSealBothWays() throws {
        var pair = HandshakePair(client: ring(testKey(1)), server: ring(testKey(1)))
        pair.run()
        var client = try #require(try pair.clientResult?.get())
        var server = try #require(try pair.serverResult?.get())
        var wire = ByteBuffer()
        try client.sealer.seal(ByteBuffer(string: "from the client"), into: &wire)
        #expect(try server.opener.open(&wire) == ByteBuffer(string: "from the client"))
        try server.sealer.seal(ByteBuffer(string: "from the server"), into: &wire)
        #expect(try client.opener.open(&wire) == ByteBuffer(string: "from the server"))
    }

    @Test(arguments: [true, false])
    func aRotatingMemberAndAnOldOneAgreeOnTheOldKey(rotatingClient: Bool) throws {
        let rotating = ring(testKey(2), testKey(1))
        let old = ring(testKey(1))
        var pair = HandshakePair(client: rotatingClient ? rotating : old, server: rotatingClient ? old : rotating)
        pair.run()
        _ = try #require(try pair.clientResult?.get())
        _ = try #require(try pair.serverResult?.get())
        #expect(pair.client.key == testKey(1))
        #expect(pair.server.key == testKey(1))
    }

    @Test func theClientsSigningKeyWinsWhenBothHoldBoth() throws {
        var pair = HandshakePair(client: ring(testKey(2), testKey(1)), server: ring(testKey(1), testKey(2)))
        pair.run()
        _ = try #require(try pair.serverResult?.get())
        #expect(pair.client.key == testKey(2))
        #expect(pair.server.key == testKey(2))
    }

    @Test func membersWithoutACommonKeyRefuseEachOtherAndTheServerSendsOnlyItsHello() {
        var pair = HandshakePair(client: ring(testKey(1)), server: ring(testKey(2)))
        pair.run()
        let expected = SecureChannelError.noCommonKey(ours: [testKey(1).id], theirs: [testKey(2).id])
        #expect(failure(pair.clientResult) == expected)
        #expect(failure(pair.serverResult)?.isAuthenticationRefusal == true)
        #expect(pair.serverSent == pair.server.hello.bytes)
    }

    @Test func aClientNamingAKeyItDoesNotHoldIsRefusedWithoutTheServersProof() throws {
        let real = testKey(1)
        let impostor = try ClusterKey(bytes: [UInt8](repeating: 9, count: 32), derive: { _ in real.id })
        var pair = HandshakePair(client: ring(impostor), server: ring(real))
        pair.run()
        #expect(failure(pair.serverResult) == .badProof)
        #expect(failure(pair.clientResult) == .proofRefused)
        // The server's hello, then one refusal byte: no proof an attacker could use.
        #expect(pair.serverSent == pair.server.hello.bytes + [1])
    }

    @Test func aServerWhoseProofIsWrongIsRefusedByTheClient() throws {
        var client = SecureHandshake(role: .client, keys: ring(testKey(1)))
        let server = SecureHandshake(role: .server, keys: ring(testKey(1)))
        var incoming = ByteBuffer(bytes: server.hello.bytes + [0] + [UInt8](repeating: 7, count: 32))
        guard case .send(let proof) = try client.onBytes(&incoming) else {
            Issue.record("no proof sent")
            return
        }
        #expect(proof.count == SecureHandshake.proofSize)
        #expect(throws: SecureChannelError.badProof) { try client.onBytes(&incoming) }
    }

    @Test(arguments: [SecureHandshake.Role.client, .server])
    func aVersionOnePrefaceMeansThePeerHasNoKey(role: SecureHandshake.Role) throws {
        var side = SecureHandshake(role: role, keys: ring(testKey(1)))
        var buffer = ByteBuffer()
        try ConnectionPreface(domain: "test", member: MemberID(high: 1, low: 2)).encode(into: &buffer)
        #expect(throws: SecureChannelError.peerHasNoKey) { try side.onBytes(&buffer) }
    }

    @Test func aHelloArrivingByteByByteIsReadOnceComplete() throws {
        let hello = SecureHello(keyIDs: [testKey(1).id, testKey(2).id], nonce: [UInt8](repeating: 3, count: 32))
        let bytes = hello.bytes
        var buffer = ByteBuffer()
        for (index, byte) in bytes.enumerated() {
            buffer.writeInteger(byte)
            let decoded = try SecureHello.decode(&buffer)
            #expect((decoded != nil) == (index == bytes.count - 1))
            if let decoded { #expect(decoded == hello) }
        }
        #expect(buffer.readableBytes == 0)
    }

    @Test(arguments: [0, 9, 255])
    func aHelloWithTooFewOrTooManyKeyIDsIsRefused(count: Int) {
        var buffer = ByteBuffer(bytes: FrameFormat.magic + [0, 2, UInt8(count)])
        #expect(throws: SecureChannelError.self) { try SecureHello.decode(&buffer) }
    }

    @Test func aStreamThatIsNotTernIsRefusedAtItsFirstByte() {
        var buffer = ByteBuffer(bytes: Array("GET /".utf8))
        #expect(throws: SecureChannelError.badHello("not a tern replication stream")) { try SecureHello.decode(&buffer) }
    }

    @Test func everyHandshakeHasItsOwnKeysEvenWithTheSameClusterKey() throws {
        var first = SecureHandshake(role: .client, keys: ring(testKey(1)))
        var second = SecureHandshake(role: .client, keys: ring(testKey(1)))
        let server = SecureHandshake(role: .server, keys: ring(testKey(1)))
        var a = ByteBuffer(bytes: server.hello.bytes)
        var b = ByteBuffer(bytes: server.hello.bytes)
        guard case .send(let proofA) = try first.onBytes(&a), case .send(let proofB) = try second.onBytes(&b) else {
            Issue.record("no proofs")
            return
        }
        #expect(first.hello.nonce != second.hello.nonce)
        #expect(proofA != proofB)
    }

    private func failure(_ result: Result<SecureChannel, SecureChannelError>?) -> SecureChannelError? {
        if case .failure(let error) = result { return error }
        return nil
    }
}
