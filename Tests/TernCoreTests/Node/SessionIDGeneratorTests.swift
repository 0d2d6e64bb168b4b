import TernCore
import TernTestKit
import Testing

@Suite("Session ids")
struct SessionIDGeneratorTests {
    /// Hands out fixed 64-bit words, so the id's bytes are known.
    struct FixedWords: RandomNumberGenerator {
        var words: [UInt64]
        mutating func next() -> UInt64 { words.removeFirst() }
    }

    @Test func anIdIsTheURLSafeBase64OfSixteenRandomBytes() {
        // Bytes 00 01 … 0f; base64 "AAECAwQFBgcICQoLDA0ODw==".
        var words = FixedWords(words: [0x0001_0203_0405_0607, 0x0809_0a0b_0c0d_0e0f])
        #expect(SessionIDGenerator.next(using: &words) == "AAECAwQFBgcICQoLDA0ODw")
        var ones = FixedWords(words: [.max, .max])  // base64 "/////////////////////w=="
        #expect(SessionIDGenerator.next(using: &ones) == "_____________________w")
        var mixed = FixedWords(words: [0xFBEF_BEFB_EFBE_FBEF, 0xBEFB_EFBE_FBEF_BEFB])  // "++++…" in base64
        #expect(SessionIDGenerator.next(using: &mixed).hasPrefix("--------"))
    }

    @Test func aRouteFollowsTheIdAfterADot() {
        var random = TestRandom(seed: 1)
        let id = SessionIDGenerator.next(using: &random, route: "node-a")
        #expect(id.hasSuffix(".node-a"))
        #expect(id.utf8.count == 22 + 7)
    }

    @Test func idsAreDistinctAndURLSafe() {
        var random = TestRandom(seed: 7)
        let ids = (0..<1000).map { _ in SessionIDGenerator.next(using: &random) }
        #expect(Set(ids).count == 1000)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(ids.allSatisfy { $0.count == 22 && $0.allSatisfy(allowed.contains) })
    }

    @Test func routesAreURLSafeNamesOfAtMostSixtyFourCharacters() {
        #expect(SessionIDGenerator.isValidRoute("node_a-1"))
        #expect(!SessionIDGenerator.isValidRoute(""))
        #expect(!SessionIDGenerator.isValidRoute("a.b"))
        #expect(!SessionIDGenerator.isValidRoute("a/b"))
        #expect(!SessionIDGenerator.isValidRoute(String(repeating: "a", count: 65)))
    }
}
