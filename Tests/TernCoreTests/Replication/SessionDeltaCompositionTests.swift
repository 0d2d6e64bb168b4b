import PropertyBased
import TernCore
import TernTestKit
import Testing

@Suite("Composing deltas")
struct SessionDeltaCompositionTests {
    static let names = ["a", "b", "c", "é", "e\u{301}"]

    /// Attribute changes over a few names (two of them canonically equivalent but different bytes).
    static func change(_ random: inout TestRandom, key: SessionKey, base: Version, version: Version) -> SessionDelta {
        var set = Attributes()
        var remove: [String] = []
        for name in names {
            switch Int.random(in: 0...2, using: &random) {
            case 0: set[name] = [UInt8.random(in: 0...255, using: &random)]
            case 1: remove.append(name)
            default: break
            }
        }
        return SessionDelta(
            key: key, base: base, version: version, lastAccessed: Int64(version.physical),
            maxInactiveSeconds: Int32.random(in: 0...3, using: &random), set: set,
            remove: remove.sorted { $0.utf8Precedes($1) })
    }

    @Test func aComposedDeltaHasTheEffectOfBothInTurn() async {
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            var random = TestRandom(seed: seed)
            let key = Samples.key("s")
            var base = Samples.session("s", version: Samples.version(1))
            for name in Self.names where Bool.random(using: &random) { base.attributes[name] = [9] }
            let first = Self.change(&random, key: key, base: Samples.version(1), version: Samples.version(2))
            let second = Self.change(&random, key: key, base: Samples.version(2), version: Samples.version(3))
            let composed = try #require(first.followed(by: second))
            #expect(composed.applied(to: base) == second.applied(to: first.applied(to: base)))
            #expect(composed.base == first.base)
            #expect(composed.version == second.version)
            #expect(
                Set(composed.remove.map { Array($0.utf8) }).isDisjoint(with: composed.set.names.map { Array($0.utf8) }))
        }
    }

    @Test func deltasThatDoNotChainDoNotCompose() {
        var random = TestRandom(seed: 1)
        let key = Samples.key("s")
        let first = Self.change(&random, key: key, base: Samples.version(1), version: Samples.version(2))
        let gap = Self.change(&random, key: key, base: Samples.version(5), version: Samples.version(6))
        let otherKey = Self.change(
            &random, key: Samples.key("t"), base: Samples.version(2), version: Samples.version(3))
        #expect(first.followed(by: gap) == nil)
        #expect(first.followed(by: otherKey) == nil)
    }
}
