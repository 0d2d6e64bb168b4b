import TernCore
import TernTestKit
import Testing

@Suite("SessionKey: bytewise UTF-8 identity and order")
struct SessionKeyTests {
    /// "é" as one scalar (U+00E9) and as "e" + combining acute (U+0065 U+0301).
    static let precomposed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    @Test func canonicallyEquivalentIdsAreDistinctKeys() {
        // Swift's String == equates them; the wire does not, so neither must keys.
        #expect(Self.precomposed == Self.decomposed)
        let a = SessionKey(context: "shop", id: Self.precomposed)
        let b = SessionKey(context: "shop", id: Self.decomposed)
        #expect(a != b)
        #expect(Set([a, b]).count == 2)
        #expect((a < b) != (b < a))
    }

    @Test func canonicallyEquivalentContextsAreDistinctKeys() {
        let a = SessionKey(context: Self.precomposed, id: "1")
        let b = SessionKey(context: Self.decomposed, id: "1")
        #expect(a != b)
        var table: [SessionKey: Int] = [:]
        table[a] = 1
        table[b] = 2
        #expect(table.count == 2)
        #expect(table[a] == 1 && table[b] == 2)
    }

    @Test func orderIsByContextBytesThenIdBytes() {
        let keys = [
            SessionKey(context: "b", id: "a"),
            SessionKey(context: "a", id: "z"),
            SessionKey(context: "a", id: "b"),
            SessionKey(context: "ab", id: "a"),
            SessionKey(context: "a", id: ""),
        ]
        #expect(keys.sorted() == [
            SessionKey(context: "a", id: ""),
            SessionKey(context: "a", id: "b"),
            SessionKey(context: "a", id: "z"),
            SessionKey(context: "ab", id: "a"),
            SessionKey(context: "b", id: "a"),
        ])
    }

    @Test func orderIsByUTF8BytesNotByUnicodeCollation() {
        // "Z" (0x5A) < "a" (0x61) < "é" (0xC3 0xA9) < "😀" (0xF0 …), bytewise.
        let ids = ["😀", "é", "a", "Z", "\u{FFFF}"]
        let sorted = ids.map { SessionKey(context: "c", id: $0) }.sorted().map(\.id)
        #expect(sorted.map { Array($0.utf8) } == ["Z", "a", "é", "\u{FFFF}", "😀"].map { Array($0.utf8) })
    }

    @Test func decomposedSortsBeforePrecomposedByTheirBytes() {
        // "cafe\u{301}" is 63 61 66 65 CC 81; "caf\u{E9}" is 63 61 66 C3 A9: 65 < C3.
        let decomposed = SessionKey(context: "shop", id: Self.decomposed)
        let precomposed = SessionKey(context: "shop", id: Self.precomposed)
        #expect(decomposed < precomposed)
        #expect(!(precomposed < decomposed))
    }

    @Test func contextIdSplitIsPartOfTheKey() {
        // "ab"/"c" and "a"/"bc" concatenate to the same bytes but are different keys.
        let first = SessionKey(context: "ab", id: "c")
        let second = SessionKey(context: "a", id: "bc")
        #expect(first != second)
        #expect(second < first)
        #expect(Set([first, second]).count == 2)
    }

    @Test func descriptionIsContextSlashId() {
        #expect(SessionKey(context: "shop", id: "A1").description == "shop/A1")
    }

    @Test func utf8HelpersCompareBytes() {
        #expect(!Self.precomposed.utf8Equals(Self.decomposed))
        #expect(Self.decomposed.utf8Precedes(Self.precomposed))
        #expect("abc".utf8Equals("abc"))
        #expect(!"abc".utf8Precedes("abc"))
        #expect("ab".utf8Precedes("abc"))
    }

    @Test func fastComparisonsAgreeWithByteSequences() {
        var random = TestRandom(seed: 7)
        let alphabet: [String] = ["a", "b", "é", "e\u{301}", "\u{0}", "ÿ", "😀", "Z"]
        func text() -> String {
            (0..<Int(random.next() % 5)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
        }
        for _ in 0..<2000 {
            let (left, right) = (text(), text())
            #expect(left.utf8Precedes(right) == left.utf8.lexicographicallyPrecedes(right.utf8))
            #expect(left.utf8Equals(right) == left.utf8.elementsEqual(right.utf8))
            let (first, second) = (SessionKey(context: left, id: right), SessionKey(context: left, id: right))
            #expect(first.hashValue == second.hashValue)
        }
    }

    /// A key hashes its bytes once, when made; changing a part must make it the key of the new bytes.
    @Test func aChangedKeyEqualsAndHashesAsTheKeyOfItsNewBytes() {
        var key = SessionKey(context: "shop", id: "a")
        key.id = "b"
        #expect(key == SessionKey(context: "shop", id: "b"))
        #expect(key != SessionKey(context: "shop", id: "a"))
        key.context = "cart"
        let table: [SessionKey: Int] = [SessionKey(context: "cart", id: "b"): 1]
        #expect(table[key] == 1)
        #expect(key.hashValue == SessionKey(context: "cart", id: "b").hashValue)
    }

    /// Keys made apart from the same bytes (the long id of a session, split or not) are one key.
    @Test func keysOfTheSameBytesAreEqualWithEqualHashes() {
        let id = String(repeating: "0123456789abcdef", count: 3)
        let a = SessionKey(context: "load", id: id)
        let b = SessionKey(context: String("xload".dropFirst()), id: String(id.prefix(16)) + id.dropFirst(16))
        let c = SessionKey(context: "load", id: String(id.dropLast()) + "F")
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }
}
