import TernCore
import TernTestKit
import Testing

@Suite("VersionVector")
struct VersionVectorTests {
    let a5 = Samples.version(5, origin: Samples.memberA)
    let a9 = Samples.version(9, origin: Samples.memberA)
    let b3 = Samples.version(3, origin: Samples.memberB)
    let c1 = Samples.version(1, origin: Samples.memberC)

    @Test func includeKeepsTheNewestPerOrigin() {
        var vector = VersionVector()
        vector.include(a9)
        vector.include(a5)
        vector.include(b3)
        #expect(vector.newest == [Samples.memberA: a9, Samples.memberB: b3])
        #expect(VersionVector([a5, b3, a9]) == vector)
    }

    @Test func coversVersionsNotNewerThanTheEntry() {
        let vector = VersionVector([a9, b3])
        #expect(vector.covers(a5))
        #expect(vector.covers(a9))
        #expect(!vector.covers(Samples.version(9, 1, origin: Samples.memberA)))
        #expect(!vector.covers(c1))
    }

    @Test func mergeIsThePointwiseMaximum() {
        let left = VersionVector([a5, b3])
        let right = VersionVector([a9, c1])
        let merged = left.merged(with: right)
        #expect(merged == VersionVector([a9, b3, c1]))
        #expect(merged == right.merged(with: left))
        #expect(merged.merged(with: merged) == merged)
    }

    @Test func sortedVersionsAreInOriginOrder() {
        #expect(VersionVector([c1, a5, b3]).sortedVersions == [a5, b3, c1])
        #expect(VersionVector().sortedVersions.isEmpty)
    }
}
