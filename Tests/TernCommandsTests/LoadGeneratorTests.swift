import TernCore
import Testing

@testable import TernCommands

/// The benchmark load: ids are a fixed prefix and the index as sixteen hex digits, written in place.
@Suite("LoadGenerator")
struct LoadGeneratorTests {
    @Test func idsAreThePrefixAndTheIndexInHex() {
        let member = MemberID(high: 1, low: 2)
        var generator = LoadGenerator(count: 70_000, size: 8, member: member, now: 1_000)
        var ids: [String] = []
        while case let batch = generator.next(4096), !batch.isEmpty {
            for case .put(let session) in batch { ids.append(session.key.id) }
        }
        #expect(ids.count == 70_000)
        #expect(Set(ids).count == 70_000)
        let prefix = ids[0].prefix(16)
        for (index, id) in ids.enumerated() where index % 997 == 0 || index == 69_999 {
            #expect(id == prefix + Hex.padded(UInt64(index)))
        }
        let hexDigit = { (byte: UInt8) in (48...57).contains(byte) || (97...102).contains(byte) }
        #expect(ids.allSatisfy { $0.utf8.count == 32 && $0.utf8.allSatisfy(hexDigit) })
    }
}
