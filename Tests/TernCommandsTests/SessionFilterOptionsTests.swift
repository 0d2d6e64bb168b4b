import TernCore
import TernTestKit
import Testing

@testable import TernCommands

@Suite("Session filter options")
struct SessionFilterOptionsTests {
    /// Accessed at the epoch with 30 minutes' max inactive: expires at epoch + 1 800 000.
    static let shop = Samples.sessionRecord("abc123", version: Samples.version(1))
    static let api = Samples.sessionRecord("abd", context: "api", version: Samples.version(1))
    static let web = Samples.sessionRecord("xyz", context: "web", version: Samples.version(1))
    static let tombstone = Samples.tombstone("abc999", version: Samples.version(2))
    static let forever = StoreRecord.session(
        Samples.session("forever", version: Samples.version(1), lastAccessed: 0, maxInactiveSeconds: 0))
    static let expiry = Samples.epoch + 1_800_000

    private func matching(_ arguments: [String], at instant: UnixMillis = Samples.epoch) throws -> [SessionKey] {
        let options = try SessionFilterOptions.parse(arguments)
        return [Self.shop, Self.api, Self.web, Self.tombstone, Self.forever]
            .filter { options.matches($0, at: instant) }.map(\.key)
    }

    @Test func noFiltersMatchEverythingIncludingTombstones() throws {
        #expect(try matching([]).count == 5)
    }

    @Test func contextsFormAList() throws {
        #expect(try matching(["--context", "api"]) == [Self.api.key])
        #expect(try matching(["--context", "api", "--context", "web"]) == [Self.api.key, Self.web.key])
        #expect(try matching(["--context", "nope"]).isEmpty)
        #expect(try matching(["--context", "shop"]) == [Self.shop.key, Self.tombstone.key, Self.forever.key])
    }

    @Test func contextsCompareByBytes() throws {
        let composed = Samples.sessionRecord("1", context: "caf\u{E9}", version: Samples.version(1))
        let decomposed = Samples.sessionRecord("1", context: "cafe\u{301}", version: Samples.version(1))
        let options = try SessionFilterOptions.parse(["--context", "caf\u{E9}"])
        #expect(options.matches(composed, at: 0))
        #expect(!options.matches(decomposed, at: 0))
    }

    @Test func idPrefixKeepsIdsThatStartWithIt() throws {
        #expect(try matching(["--id-prefix", "abc"]) == [Self.shop.key, Self.tombstone.key])
        #expect(try matching(["--id-prefix", "ab"]) == [Self.shop.key, Self.api.key, Self.tombstone.key])
        #expect(try matching(["--id-prefix", "abc123"]) == [Self.shop.key])
        #expect(try matching(["--id-prefix", "abc1234"]).isEmpty)
        #expect(try matching(["--id-prefix", "bc"]).isEmpty)
        #expect(try matching(["--id-prefix", ""]).count == 5)
    }

    @Test func idPrefixComparesBytesNotCharacters() throws {
        // "e" + combining acute is one Character, so String.hasPrefix would say the opposite of both.
        let record = Samples.sessionRecord("e\u{301}x", version: Samples.version(1))
        #expect(try SessionFilterOptions.parse(["--id-prefix", "e"]).matches(record, at: 0))
        #expect(try !SessionFilterOptions.parse(["--id-prefix", "\u{E9}"]).matches(record, at: 0))
    }

    @Test func liveKeepsSessionsNotYetExpiredAtTheInstant() throws {
        #expect(
            try matching(["--live"], at: Self.expiry - 1) == [
                Self.shop.key, Self.api.key, Self.web.key, Self.forever.key,
            ])
        #expect(try matching(["--live"], at: Self.expiry) == [Self.forever.key])
    }

    @Test func expiredKeepsSessionsExpiredAtTheInstant() throws {
        #expect(try matching(["--expired"], at: Self.expiry - 1).isEmpty)
        #expect(try matching(["--expired"], at: Self.expiry) == [Self.shop.key, Self.api.key, Self.web.key])
    }

    @Test func tombstonesAreLeftOutUnderLiveAndExpired() throws {
        for flag in ["--live", "--expired"] {
            for instant in [Int64.min, 0, Self.expiry, .max] {
                let options = try SessionFilterOptions.parse([flag])
                #expect(!options.matches(Self.tombstone, at: instant))
            }
        }
    }

    @Test func filtersCombine() throws {
        let arguments = ["--context", "shop", "--id-prefix", "abc", "--live"]
        #expect(try matching(arguments, at: Self.expiry - 1) == [Self.shop.key])
        #expect(try matching(arguments, at: Self.expiry).isEmpty)
    }

    @Test func atDecidesTheInstant() throws {
        let now: UnixMillis = 123
        #expect(try SessionFilterOptions.parse([]).instant(now: now) == now)
        #expect(try SessionFilterOptions.parse(["--at", "now"]).instant(now: now) == now)
        #expect(try SessionFilterOptions.parse(["--at", "2026-01-01T00:30:00Z"]).instant(now: now) == Self.expiry)
        #expect(try SessionFilterOptions.parse(["--at", "2026-01-01"]).instant(now: now) == Samples.epoch)
        #expect(try SessionFilterOptions.parse(["--at", "@0"]).instant(now: now) == 0)
    }

    @Test func liveAtAnInstantGivenOnTheCommandLine() throws {
        let options = try SessionFilterOptions.parse(["--expired", "--at", "2026-01-01T00:30:00.000Z"])
        #expect(options.matches(Self.shop, at: options.instant(now: 0)))
        let earlier = try SessionFilterOptions.parse(["--expired", "--at", "2026-01-01T00:29:59.999Z"])
        #expect(!earlier.matches(Self.shop, at: earlier.instant(now: 0)))
    }

    @Test func liveAndExpiredTogetherAreRejected() {
        #expect(throws: (any Error).self) { try SessionFilterOptions.parse(["--live", "--expired"]) }
    }

    @Test(arguments: ["garbage", "2026-13-01", "2026-01-01T00:00:00", "yesterday"])
    func malformedAtIsRejected(_ at: String) {
        #expect(throws: (any Error).self) { try SessionFilterOptions.parse(["--at", at]) }
    }
}
