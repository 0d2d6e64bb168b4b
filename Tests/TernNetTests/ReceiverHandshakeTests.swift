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
        receiver.channel.pipeline.fireErrorCaught(
            FrameDecodingError(.payloadTooLarge(type: .put, size: Int(UInt32.max), limit: 1 << 24), at: 40))
        #expect(!receiver.channel.isActive)
        #expect(receiver.records.count == 1)
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
