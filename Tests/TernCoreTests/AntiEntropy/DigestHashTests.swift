import TernCore
import TernTestKit
import Testing

@Suite("Digest hashes: the same on every member")
struct DigestHashTests {
    /// Members compare these bits: a change to them breaks clusters that mix builds, so they are
    /// pinned, to values computed by a separate implementation of docs/PROTOCOL.md's description.
    @Test func keyAndEntryHashesArePinned() {
        let key = SessionKey(context: "shop", id: "a1b2c3")
        #expect(DigestHash.key(key) == 0x81BD_0BD6_3879_8381)
        let version = Version(physical: 1_767_225_600_000, logical: 3, origin: Samples.memberB)
        #expect(DigestHash.entry(keyHash: DigestHash.key(key), version: version, isTombstone: false) == 0xF8D1_F6A6_7DA5_4BA8)
        #expect(DigestHash.entry(keyHash: DigestHash.key(key), version: version, isTombstone: true) == 0x7827_CBA6_2F6F_33BD)
        #expect(DigestHash.key(SessionKey(context: "", id: "")) == 0xE9B0_4A31_3870_3D3F)
        #expect(DigestHash.key(SessionKey(context: "load", id: "0123456789abcdef0123")) == 0x53E6_65E5_F06D_72E4)
    }

    @Test func whereTheContextEndsAndTheIdBeginsMatters() {
        #expect(DigestHash.key(SessionKey(context: "ab", id: "c")) != DigestHash.key(SessionKey(context: "a", id: "bc")))
        #expect(DigestHash.key(SessionKey(context: "", id: "abc")) != DigestHash.key(SessionKey(context: "abc", id: "")))
    }

    @Test func keysAreHashedByTheirBytesNotTheirCanonicalForm() {
        let precomposed = SessionKey(context: "shop", id: "caf\u{E9}")
        let decomposed = SessionKey(context: "shop", id: "cafe\u{301}")
        #expect(DigestHash.key(precomposed) != DigestHash.key(decomposed))
    }

    @Test func everyPartOfTheVersionAndTheKindCounts() {
        let keyHash = DigestHash.key(Samples.key("x"))
        let base = Version(physical: 10, logical: 1, origin: Samples.memberA)
        let variants = [
            base, Version(physical: 11, logical: 1, origin: Samples.memberA),
            Version(physical: 10, logical: 2, origin: Samples.memberA), Version(physical: 10, logical: 1, origin: Samples.memberB),
            Version(physical: 10, logical: 1, origin: Samples.memberC),
        ]
        let hashes = variants.flatMap { version in
            [false, true].map { DigestHash.entry(keyHash: keyHash, version: version, isTombstone: $0) }
        }
        #expect(Set(hashes).count == hashes.count)
    }

    @Test func longIdsSpreadOverTheBuckets() {
        var used = Set<Int>()
        for index in 0..<4096 {
            used.insert(BucketSelection.bucket(of: DigestHash.key(SessionKey(context: "shop", id: "session-\(index)-abcdefghijklmnop")), count: 1024))
        }
        #expect(used.count > 900, "\(used.count) of 1024 buckets used by 4,096 keys")
    }
}
