import TernCore
import TernSnapshot
import TernTestKit
import Testing

@Suite("SnapshotGenerator")
struct SnapshotGeneratorTests {
    static func records(_ parameters: SnapshotGenerator.Parameters) -> [StoreRecord] {
        var records: [StoreRecord] = []
        SnapshotGenerator(parameters).forEachRecord { records.append($0) }
        return records
    }

    static func bytes(_ parameters: SnapshotGenerator.Parameters) throws -> [UInt8] {
        let generator = SnapshotGenerator(parameters)
        return try Snap.plain(records(parameters), header: generator.header(writer: "tern-test"))
    }

    @Test func sameParametersGiveIdenticalBytes() throws {
        let parameters = SnapshotGenerator.Parameters(sessions: 200, attributeBytes: 10...300, seed: 42)
        #expect(try Self.bytes(parameters) == Self.bytes(parameters))
    }

    @Test func differentSeedsGiveDifferentBytes() throws {
        let first = SnapshotGenerator.Parameters(sessions: 50, seed: 1)
        var second = first
        second.seed = 2
        #expect(try Self.bytes(first) != Self.bytes(second))
        #expect(Self.records(first).map(\.key) != Self.records(second).map(\.key))
    }

    @Test(arguments: [(sessions: 0, contexts: 3), (1, 1), (7, 3), (500, 5), (100, 100)])
    func producesTheRequestedCountInStrictKeyOrder(sessions: Int, contexts: Int) {
        let records = Self.records(.init(sessions: sessions, contexts: contexts, attributeBytes: 1...8))
        #expect(records.count == sessions)
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.key < $1.key })
    }

    @Test func keysStaySortedWithMoreThanAHundredContexts() {
        // "app100" sorts between "app10" and "app11" in bytes.
        let records = Self.records(.init(sessions: 202, contexts: 101, attributeBytes: 1...8))
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.key < $1.key })
    }

    @Test func sessionsAreSpreadOverTheContexts() {
        let generator = SnapshotGenerator(.init(sessions: 10, contexts: 3))
        #expect(generator.contextNames == ["app00", "app01", "app02"])
        let counts = Dictionary(grouping: Self.records(generator.parameters), by: \.key.context).mapValues(\.count)
        #expect(counts == ["app00": 4, "app01": 3, "app02": 3])
    }

    @Test func attributeSizesAndCountsStayInTheRequestedRanges() {
        let parameters = SnapshotGenerator.Parameters(
            sessions: 400, attributeBytes: 17...45, attributesPerSession: 2...5, tombstonePercent: 0, seed: 3)
        var sizes = Set<Int>()
        for record in Self.records(parameters) {
            guard let session = record.session else {
                Issue.record("tombstone generated at 0 percent")
                continue
            }
            #expect((2...5).contains(session.attributes.count))
            #expect(Attributes.isCanonical(session.attributes.elements))
            for attribute in session.attributes {
                #expect((17...45).contains(attribute.value.count))
                sizes.insert(attribute.value.count)
            }
        }
        // The whole range is used, ends included.
        #expect(sizes.contains(17) && sizes.contains(45))
    }

    @Test(arguments: [0, 30, 100])
    func binaryPercentageIsRoughlyRespected(percent: Int) {
        let parameters = SnapshotGenerator.Parameters(
            sessions: 600, attributeBytes: 64...64, binaryPercent: percent, tombstonePercent: 0, seed: 5)
        var binary = 0
        var total = 0
        for record in Self.records(parameters) {
            for attribute in record.session?.attributes ?? Attributes() {
                total += 1
                // Text values are ASCII words; 64 random bytes all below 0x80 happen with p = 2^-64.
                if attribute.value.contains(where: { $0 >= 0x80 }) { binary += 1 }
            }
        }
        let measured = Double(binary) * 100 / Double(total)
        #expect(abs(measured - Double(percent)) < 4, "measured \(measured)% binary values, asked for \(percent)%")
    }

    @Test func tombstonePercentageIsRoughlyRespected() {
        let records = Self.records(.init(sessions: 2000, attributeBytes: 1...4, tombstonePercent: 25, seed: 9))
        let tombstones = records.filter { $0.session == nil }.count
        #expect((400...600).contains(tombstones), "\(tombstones) tombstones of 2000")
    }

    @Test func headerVectorCoversEveryRecord() {
        let parameters = SnapshotGenerator.Parameters(sessions: 100, attributeBytes: 1...4, seed: 12)
        let header = SnapshotGenerator(parameters).header(writer: "w")
        #expect(header.versionVector == VersionVector(Self.records(parameters).map(\.version)))
        #expect(header.created == parameters.now)
        #expect(header.cluster == "default")
        #expect(header.writer == "w")
    }

    @Test func timesLieInTheWeekBeforeTheCut() {
        let parameters = SnapshotGenerator.Parameters(sessions: 300, attributeBytes: 1...4, seed: 13)
        let week: Int64 = 7 * 24 * 3_600_000
        for case .session(let session) in Self.records(parameters) {
            #expect(session.created > parameters.now - week && session.created <= parameters.now)
            #expect(session.lastAccessed >= session.created && session.lastAccessed <= parameters.now)
        }
    }

    @Test func splitMixIsReproducibleAndDerivedStreamsDiffer() {
        var first = SplitMix64(seed: 7)
        var second = SplitMix64(seed: 7)
        #expect((0..<10).map { _ in first.next() } == (0..<10).map { _ in second.next() })
        // The published SplitMix64 sequence for seed 0 starts with e220a8397b1dcdaf.
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
        var a = SplitMix64.derived(seed: 1, stream: 0, index: 0)
        var b = SplitMix64.derived(seed: 1, stream: 0, index: 1)
        var c = SplitMix64.derived(seed: 1, stream: 1, index: 0)
        let heads = [a.next(), b.next(), c.next()]
        #expect(Set(heads).count == 3)
    }
}
