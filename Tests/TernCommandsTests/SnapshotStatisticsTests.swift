import TernCore
import TernTestKit
import Testing

@testable import TernCommands

@Suite("Snapshot statistics")
struct SnapshotStatisticsTests {
    static let instant = Samples.epoch + 1_800_000

    static let records: [StoreRecord] = [
        // Accessed at the epoch with 30 minutes: expired exactly at `instant`.
        Samples.sessionRecord("a", version: Samples.version(1), attributes: ["cart": "12345", "user": "ann"]),
        Samples.sessionRecord("b", version: Samples.version(2), lastAccessed: Samples.epoch + 1, attributes: ["x": ""]),
        .session(
            Samples.session("c", context: "api", version: Samples.version(3), lastAccessed: 0, maxInactiveSeconds: 0)),
        Samples.tombstone("d", version: Samples.version(4)),
        Samples.tombstone("e", context: "Zed", version: Samples.version(5)),
        Samples.sessionRecord("f", context: "é", version: Samples.version(6), lastAccessed: Samples.epoch + 9_000_000),
    ]

    static var statistics: SnapshotStatistics {
        var statistics = SnapshotStatistics(at: instant)
        for record in records { statistics.add(record) }
        return statistics
    }

    @Test func countsSessionsLiveExpiredAndTombstones() {
        let statistics = Self.statistics
        #expect(statistics.sessions == 4)
        #expect(statistics.live == 3)
        #expect(statistics.expired == 1)
        #expect(statistics.tombstones == 2)
    }

    @Test func countsAttributesAndTheirBytes() {
        let statistics = Self.statistics
        #expect(statistics.attributes == 3)
        #expect(statistics.attributeBytes == 8)
        #expect(statistics.sizes.count == 3)
        #expect(statistics.sizes.minimum == 0)
        #expect(statistics.sizes.maximum == 5)
        #expect(statistics.sizes.quantile(0.5) == 3)
    }

    @Test func tracksOldestAndNewestAccessOfSessionsOnly() {
        let statistics = Self.statistics
        #expect(statistics.oldestAccess == 0)
        #expect(statistics.newestAccess == Samples.epoch + 9_000_000)
    }

    @Test func countsPerContextInByteOrder() {
        let contexts = Self.statistics.sortedContexts
        #expect(contexts.map(\.name) == ["Zed", "api", "shop", "é"])
        let shop = contexts.first { $0.name == "shop" }?.counts
        #expect(shop?.sessions == 2)
        #expect(shop?.live == 1)
        #expect(shop?.tombstones == 1)
        let zed = contexts.first { $0.name == "Zed" }?.counts
        #expect(zed?.sessions == 0)
        #expect(zed?.tombstones == 1)
        #expect(contexts.first { $0.name == "api" }?.counts.live == 1)
    }

    @Test func emptyStatisticsHaveNoAccessTimesOrSizes() {
        let statistics = SnapshotStatistics(at: 0)
        #expect(statistics.sessions == 0)
        #expect(statistics.expired == 0)
        #expect(statistics.oldestAccess == nil)
        #expect(statistics.newestAccess == nil)
        #expect(statistics.sizes.quantile(0.5) == nil)
        #expect(statistics.sortedContexts.isEmpty)
    }

    @Test func liveDependsOnTheInstant() {
        var before = SnapshotStatistics(at: Self.instant - 1)
        var after = SnapshotStatistics(at: Self.instant)
        for record in Self.records.prefix(1) {
            before.add(record)
            after.add(record)
        }
        #expect(before.live == 1)
        #expect(after.live == 0)
    }
}
