import NIOCore
import TernCore
import TernWire
import TernWireSealing
import Testing

@Suite("Sealed records")
struct SealedRecordTests {
    /// Both ends of an established connection under one key.
    private func channels() throws -> (client: SecureChannel, server: SecureChannel) {
        var pair = HandshakePair(client: ring(testKey(1)), server: ring(testKey(1)))
        pair.run()
        return (try #require(try pair.clientResult?.get()), try #require(try pair.serverResult?.get()))
    }

    @Test func plaintextRoundTripsAndLongWritesAreSplit() throws {
        var (client, server) = try channels()
        let plaintext = ByteBuffer(bytes: (0..<(SealedRecord.maxPlaintext + 10)).map { UInt8(truncatingIfNeeded: $0) })
        var wire = ByteBuffer()
        try client.sealer.seal(plaintext, into: &wire)
        #expect(client.sealer.counter == 2)
        #expect(wire.readableBytes == plaintext.readableBytes + 2 * (SealedRecord.lengthSize + SealedRecord.tagSize))
        var opened = ByteBuffer()
        while var part = try server.opener.open(&wire) { opened.writeBuffer(&part) }
        #expect(opened == plaintext)
    }

    @Test func theSamePlaintextNeverSealsTheSameWay() throws {
        var (client, _) = try channels()
        var first = ByteBuffer()
        var second = ByteBuffer()
        try client.sealer.seal(ByteBuffer(string: "same"), into: &first)
        try client.sealer.seal(ByteBuffer(string: "same"), into: &second)
        #expect(first != second)
    }

    @Test func everyTamperedByteFailsTheRecord() throws {
        var (client, server) = try channels()
        var wire = ByteBuffer()
        try client.sealer.seal(ByteBuffer(string: "a session attribute"), into: &wire)
        for index in 0..<wire.readableBytes {
            var tampered = wire
            tampered.setInteger(tampered.getInteger(at: index, as: UInt8.self)! ^ 0x01, at: index)
            var opener = server.opener
            if index < SealedRecord.lengthSize {
                // Another length: a wrong tag, or a wait for bytes that never come (then a truncated end).
                #expect((try? opener.open(&tampered)) == nil, "byte \(index)")
            } else {
                #expect(throws: SecureChannelError.recordNotAuthentic(record: 0), "byte \(index)") {
                    try opener.open(&tampered)
                }
            }
        }
        #expect(try server.opener.open(&wire) == ByteBuffer(string: "a session attribute"))
    }

    @Test func aReplayedRecordFails() throws {
        var (client, server) = try channels()
        var wire = ByteBuffer()
        try client.sealer.seal(ByteBuffer(string: "pay 1"), into: &wire)
        let copy = wire
        _ = try server.opener.open(&wire)
        var replay = copy
        #expect(throws: SecureChannelError.recordNotAuthentic(record: 1)) { try server.opener.open(&replay) }
    }

    @Test func reorderedRecordsFail() throws {
        var (client, server) = try channels()
        var first = ByteBuffer()
        var second = ByteBuffer()
        try client.sealer.seal(ByteBuffer(string: "one"), into: &first)
        try client.sealer.seal(ByteBuffer(string: "two"), into: &second)
        #expect(throws: SecureChannelError.recordNotAuthentic(record: 0)) { try server.opener.open(&second) }
    }

    @Test func aRecordSentBackToItsSenderFails() throws {
        var (client, _) = try channels()
        var wire = ByteBuffer()
        try client.sealer.seal(ByteBuffer(string: "echo"), into: &wire)
        #expect(throws: SecureChannelError.recordNotAuthentic(record: 0)) { try client.opener.open(&wire) }
    }

    @Test func aTruncatedRecordWaitsAndReadsNothing() throws {
        var (client, server) = try channels()
        var wire = ByteBuffer()
        try client.sealer.seal(ByteBuffer(string: "cut short"), into: &wire)
        var cut = wire.getSlice(at: 0, length: wire.readableBytes - 1)!
        #expect(try server.opener.open(&cut) == nil)
        #expect(cut.readableBytes == wire.readableBytes - 1)
    }

    @Test(arguments: [0, SealedRecord.maxPlaintext + 1, Int(UInt32.max)])
    func aLengthOutOfBoundsFailsBeforeWaiting(length: Int) throws {
        var (_, server) = try channels()
        var wire = ByteBuffer()
        wire.writeInteger(UInt32(length))
        #expect(throws: SecureChannelError.badRecordLength(size: length, limit: SealedRecord.maxPlaintext)) {
            try server.opener.open(&wire)
        }
    }
}
