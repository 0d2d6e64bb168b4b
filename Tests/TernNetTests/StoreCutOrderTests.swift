import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

/// `StoreCut` sorts by a rank and an 8-byte id prefix and compares whole ids only on ties; the result
/// must be exactly the order of `SessionKey`'s `<` (byte-wise context, then id).
@Suite("Store cut order")
struct StoreCutOrderTests {
    /// Ids and contexts built to hit the tie-breaks: shared 8-byte prefixes, ids that are prefixes
    /// of others, NUL and high bytes, empty strings, non-ASCII text.
    static func awkwardString(using random: inout TestRandom) -> String {
        let stems = [
            "", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgh\u{0}", "abcdefgh\u{0}x", "é", "éa", "z\u{0}",
        ]
        var text = stems.randomElement(using: &random)!
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            text += ["\u{0}", "a", "b", "\u{7F}", "ü", "日", "0", "f"].randomElement(using: &random)!
        }
        return text
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func sortsExactlyAsKeysCompare(seed: UInt64) {
        var random = TestRandom(seed: seed)
        var records = RecordTable()
        for index in 0..<2000 {
            let context = ["shop", "shop\u{0}", "shopping", "", "ß"].randomElement(using: &random)!
            let id = Self.awkwardString(using: &random) + (Bool.random(using: &random) ? "" : "\(index)")
            let record = Samples.sessionRecord(id, context: context, version: Samples.version(UInt64(index + 1)))
            records[record.key] = record
        }
        let cut = StoreCut(records: records, vector: VersionVector())
        let expected = records.keys.sorted()
        #expect(cut.sortedRecords().map(\.key) == expected)
        #expect(cut.records(for: StateRequest()).map(\.key) == expected)
        let shop = cut.records(for: StateRequest(contexts: ["shop"])).map(\.key)
        #expect(shop == expected.filter { $0.context.utf8Equals("shop") })
    }

    @Test func prefixesNeverContradictTheOrder() {
        var random = TestRandom(seed: 9)
        for _ in 0..<5000 {
            let lhs = Self.awkwardString(using: &random)
            let rhs = Self.awkwardString(using: &random)
            if StoreCut.prefix(lhs) < StoreCut.prefix(rhs) {
                #expect(lhs.utf8Precedes(rhs), "\(Array(lhs.utf8)) vs \(Array(rhs.utf8))")
            }
        }
    }
}
