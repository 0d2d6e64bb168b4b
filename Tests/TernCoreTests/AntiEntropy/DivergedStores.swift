import TernCore
import TernTestKit

/// Two stores that share a history and then diverged: each applied changes the other missed, over
/// keys in three contexts. Records come from `RecordGenerators.record(key:version:)`, so a version
/// always means the same change; versions are drawn from a small space, so the same key often
/// has different versions on the two sides, equal versions, or a tombstone on one side and a later
/// session on the other.
struct DivergedStores {
    var left = SessionStore()
    var right = SessionStore()
    /// Every record either side saw, merged newest-wins: what both must hold once they converged.
    var merged = SessionStore()

    init(seed: UInt64, keys: Int, shared: Int, leftOnly: Int, rightOnly: Int) {
        var random = TestRandom(seed: seed)
        let keySpace = (0..<max(1, keys)).map { SessionKey(context: "c\($0 % 3)", id: "session-\($0)") }
        func draw() -> StoreRecord {
            let key = keySpace[Int.random(in: 0..<keySpace.count, using: &random)]
            let version = Version(
                physical: UInt64.random(in: 1...40, using: &random), logical: UInt32.random(in: 0...1, using: &random),
                origin: RecordGenerators.origins[Int.random(in: 0...2, using: &random)])
            return RecordGenerators.record(key: key, version: version)
        }
        for _ in 0..<shared {
            let record = draw()
            left.apply(record)
            right.apply(record)
            merged.apply(record)
        }
        for _ in 0..<leftOnly {
            let record = draw()
            left.apply(record)
            merged.apply(record)
        }
        for _ in 0..<rightOnly {
            let record = draw()
            right.apply(record)
            merged.apply(record)
        }
    }
}
