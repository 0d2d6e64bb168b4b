import Synchronization
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

@Suite("State transfer over loopback")
struct StateTransferLoopbackTests {
    @Test func pullsEveryRecordInKeyOrderWithTheCutsVector() async throws {
        let peer = try await LoopbackReceiver.start()
        let records = (0..<3000).map {
            Samples.sessionRecord(
                "id\(1_000_000 - $0)", version: Samples.version(UInt64($0 + 1)), attributes: ["k": "\($0)"])
        }
        try await peer.receiver.load(records)
        let client = ReplicationClient(identity: senderIdentity)
        let received = Mutex<[StoreRecord]>([])
        let result = try await client.pull(from: peer.endpoint, request: StateRequest(), timeout: 5000) { batch, _ in
            received.withLock { $0 += batch }
        }
        let keys = received.withLock { $0.map(\.key) }
        #expect(result.count == 3000)
        #expect(keys == records.map(\.key).sorted())
        #expect(result.vector == VersionVector([Samples.version(3000)]))
        #expect(result.member == Samples.memberA)
        await client.shutdown()
        await peer.receiver.finish()
    }

    @Test func aNodeThatDoesNotServeStateRefusesThePull() async throws {
        let peer = try await LoopbackReceiver.start(servesState: false)
        let client = ReplicationClient(identity: senderIdentity)
        do {
            _ = try await client.pull(from: peer.endpoint, request: StateRequest(), timeout: 5000) { _, _ in }
            Issue.record("the pull succeeded")
        } catch let error as ReplicationPeerError {
            #expect(error.kind == .unavailable)
            #expect(error.description.contains(peer.endpoint.description))
        }
        await client.shutdown()
        await peer.receiver.finish()
    }

    @Test func aSilentPeerTimesOutNamingIt() async throws {
        let listener = try await SilentListener.start()
        let client = ReplicationClient(identity: senderIdentity)
        do {
            _ = try await client.pull(from: listener.endpoint, request: StateRequest(), timeout: 200) { _, _ in }
            Issue.record("the pull succeeded")
        } catch let error as ReplicationPeerError {
            #expect(error.kind == .timedOut)
            #expect(error.peer == listener.endpoint.description)
        }
        await client.shutdown()
        await listener.stop()
    }
}
