import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

@Suite("Receiver handshake")
struct ReceiverHandshakeTests {
    @Test func sendsItsPrefaceAsSoonAsAPeerConnects() throws {
        var receiver = try EmbeddedReceiver()
        let written = try receiver.written()
        #expect(written == [.preface(receiverIdentity.preface)])
    }

    @Test func refusesAPeerOfAnotherDomainAndClosesTheConnection() throws {
        let receiver = try EmbeddedReceiver()
        try receiver.greet(ReplicationIdentity(domain: "other", member: Samples.memberB))
        #expect(!receiver.channel.isActive)
    }

    @Test func acceptsAPeerOfItsDomain() throws {
        let receiver = try EmbeddedReceiver()
        try receiver.greet()
        #expect(receiver.channel.isActive)
    }

    @Test func closesTheConnectionOnABadFrameAndKeepsTheStore() throws {
        let receiver = try EmbeddedReceiver()
        try receiver.greet()
        try receiver.send([frame(1, put("kept", 10))])
        // A put frame header announcing a payload of 4 GiB - 1.
        try receiver.send(bytes: [1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(!receiver.channel.isActive)
        #expect(receiver.records.count == 1)
    }

    @Test func decodesFramesSplitAcrossReads() throws {
        var receiver = try EmbeddedReceiver()
        try receiver.greet()
        var buffer = ByteBufferAllocator().buffer(capacity: 256)
        try frame(1, put("a", 1)).encode(into: &buffer)
        try frame(2, put("b", 1)).encode(into: &buffer)
        let bytes = buffer.readBytes(length: buffer.readableBytes)!
        for chunk in stride(from: 0, to: bytes.count, by: 7) {
            try receiver.send(bytes: Array(bytes[chunk..<min(chunk + 7, bytes.count)]))
        }
        #expect(bodies(try receiver.writtenFrames()) == [.ack(sequence: 1), .ack(sequence: 2)])
    }

    @Test func closesAPeerThatSendsGarbageInsteadOfAPreface() throws {
        let receiver = try EmbeddedReceiver()
        try receiver.send(bytes: Array("GET / HTTP/1.1\r\n".utf8))
        #expect(!receiver.channel.isActive)
    }

    @Test func closesAPeerThatSendsNoPrefaceInTime() throws {
        let configuration = ReceiverConfiguration(identity: receiverIdentity, handshakeTimeout: 500)
        let receiver = try EmbeddedReceiver(configuration: configuration)
        receiver.channel.embeddedEventLoop.advanceTime(by: .milliseconds(499))
        #expect(receiver.channel.isActive)
        receiver.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(!receiver.channel.isActive)
    }
}
