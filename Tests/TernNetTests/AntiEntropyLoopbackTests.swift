import Logging
import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

/// Anti-entropy rounds between two receivers on 127.0.0.1: the round's client on one store, the
/// other answering as every receiver that serves state does.
@Suite("Anti-entropy over loopback")
struct AntiEntropyLoopbackTests {
    /// Runs a round from `initiator`'s store with `peer`.
    static func round(
        from initiator: LoopbackReceiver, with peer: Endpoint, limits: AntiEntropyLimits = .default
    ) async throws -> AntiEntropyReport {
        let store = initiator.receiver.store
        return try await store.loop.flatSubmit {
            AntiEntropyClient.run(
                with: peer, store: store, identity: senderIdentity, limits: .default, antiEntropy: limits,
                connectTimeout: 5000, logger: quietLogger
            ).report
        }.get()
    }

    /// Sessions `s<from>…s<to - 1>` of `context`, each at `version`.
    static func sessions(_ range: Range<Int>, version: UInt64, context: String = "shop") -> [StoreRecord] {
        range.map {
            Samples.sessionRecord(
                "s\($0)", context: context, version: Samples.version(version), attributes: ["v": "\(version)"])
        }
    }

    static func store(_ receiver: LoopbackReceiver) async throws -> SessionStore {
        var store = SessionStore()
        for record in try await receiver.receiver.cut().records.values { store.apply(record) }
        return store
    }

    @Test func aRoundLeavesBothReceiversHoldingTheNewestOfEachRecord() async throws {
        let left = try await LoopbackReceiver.start()
        let right = try await LoopbackReceiver.start()
        // Shared sessions, then each side changed some, removed some, and made some of its own.
        let shared = Self.sessions(0..<500, version: 1)
        try await left.receiver.load(
            shared + Self.sessions(0..<40, version: 5) + Self.sessions(500..<530, version: 2)
                + [.tombstone(Tombstone(key: Samples.key("s100"), version: Samples.version(6), retainUntil: .max))])
        try await right.receiver.load(
            shared + Self.sessions(20..<60, version: 7) + Self.sessions(600..<620, version: 2, context: "cart"))
        var merged = SessionStore()
        for record in try await Array(Self.store(left).records.values) + Array(Self.store(right).records.values) {
            merged.apply(record)
        }

        let report = try await Self.round(from: left, with: right.endpoint)

        #expect(report.outcome == .repaired, "\(report)")
        #expect(report.pushed == 20 + 30 + 1, "s0…s19 at 5, s500…s529, the tombstone: \(report)")
        #expect(report.pulled == 40 + 20, "s20…s59 at 7, cart/s600…s619: \(report)")
        #expect(try await Self.store(left) == merged)
        #expect(try await Self.store(right) == merged)
        let again = try await Self.round(from: right, with: left.endpoint)
        #expect(again.outcome == .inSync && again.differingBuckets == 0, "\(again)")
        await left.receiver.finish()
        await right.receiver.finish()
    }

    @Test func thousandsOfPushedRecordsArriveWhateverTheConnectionBuffers() async throws {
        let left = try await LoopbackReceiver.start()
        let right = try await LoopbackReceiver.start()
        let records = (0..<6000).map {
            Samples.sessionRecord(
                "s\($0)", version: Samples.version(1), attributes: ["v": String(repeating: "x", count: 2000)])
        }
        try await left.receiver.load(records)
        let report = try await Self.round(from: left, with: right.endpoint)
        #expect(report.outcome == .repaired && report.pushed == 6000, "\(report)")
        #expect(try await right.receiver.count() == 6000)
        #expect(try await Self.store(right) == (try await Self.store(left)))
        await left.receiver.finish()
        await right.receiver.finish()
    }

    @Test func storesTooDifferentForListsTransferTheDifferingContexts() async throws {
        let left = try await LoopbackReceiver.start()
        let right = try await LoopbackReceiver.start(antiEntropy: AntiEntropyLimits(maxEntries: 10))
        try await right.receiver.load(Self.sessions(0..<300, version: 3) + Self.sessions(0..<5, version: 1, context: "cart"))
        try await left.receiver.load(Self.sessions(0..<5, version: 1, context: "cart"))
        let report = try await Self.round(from: left, with: right.endpoint)
        #expect(report.outcome == .transferred && report.pulled == 300, "only the context that differs: \(report)")
        #expect(try await Self.store(left) == (try await Self.store(right)))
        await left.receiver.finish()
        await right.receiver.finish()
    }

    @Test func aReceiverThatDoesNotServeStateRefusesTheRound() async throws {
        let left = try await LoopbackReceiver.start()
        let right = try await LoopbackReceiver.start(servesState: false)
        try await right.receiver.load(Self.sessions(0..<3, version: 1))
        let report = try await Self.round(from: left, with: right.endpoint)
        guard case .failed(let reason) = report.outcome else {
            Issue.record("\(report)")
            return
        }
        #expect(reason.contains(right.endpoint.description) && reason.contains("does not serve state"), "\(reason)")
        #expect(try await left.receiver.count() == 0)
        await left.receiver.finish()
        await right.receiver.finish()
    }

    @Test func anUnreachablePeerFailsTheRoundNamingIt() async throws {
        let left = try await LoopbackReceiver.start()
        let nobody = try await closedPort()
        let report = try await Self.round(from: left, with: nobody)
        guard case .failed(let reason) = report.outcome else {
            Issue.record("\(report)")
            return
        }
        #expect(reason.contains(nobody.description), "\(reason)")
        await left.receiver.finish()
    }
}
