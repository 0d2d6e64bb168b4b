import Foundation
import TernCore
import TernSnapshot
import TernTestKit
import Testing

/// Fixtures/small-v1.tsnap pins format version 1: if the writer's bytes change, this fails, and
/// the change must be deliberate (a new format version, a new fixture).
///
/// To re-record after a deliberate change: `TERN_RECORD_GOLDEN=1 swift test --filter GoldenSnapshotTests`,
/// then `git add -f Tests/TernSnapshotTests/Fixtures/small-v1.tsnap` (*.tsnap is git-ignored).
@Suite("Golden snapshot fixture")
struct GoldenSnapshotTests {
    static let parameters = SnapshotGenerator.Parameters(sessions: 5, attributeBytes: 4...32, seed: 7)
    static let fixtureName = "small-v1"

    /// What the current writer produces for the fixture's parameters.
    static func currentBytes() throws -> [UInt8] {
        let generator = SnapshotGenerator(parameters)
        var records: [StoreRecord] = []
        generator.forEachRecord { records.append($0) }
        return try Snap.plain(records, header: generator.header(writer: "tern-test"))
    }

    static func fixtureURL() throws -> URL {
        try #require(Bundle.module.url(forResource: fixtureName, withExtension: "tsnap", subdirectory: "Fixtures"))
    }

    @Test func writerReproducesTheFixtureByteForByte() throws {
        let current = try Self.currentBytes()
        if ProcessInfo.processInfo.environment["TERN_RECORD_GOLDEN"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/\(Self.fixtureName).tsnap")
            try Data(current).write(to: source)
            Issue.record("re-recorded \(source.path); run again without TERN_RECORD_GOLDEN")
            return
        }
        let fixture = Array(try Data(contentsOf: try Self.fixtureURL()))
        #expect(fixture.count == current.count)
        if let index = zip(fixture, current).enumerated().first(where: { $1.0 != $1.1 })?.offset {
            Issue.record("the writer's bytes differ from the fixture from byte \(index) on: a format change?")
        }
    }

    @Test func readerReadsTheFixture() throws {
        let (reader, records) = try Snap.read(try Self.fixtureURL().path)
        #expect(reader.header.formatVersion == 1)
        #expect(reader.header.writer == "tern-test")
        #expect(reader.header.created == SnapshotGenerator.defaultNow)
        #expect(reader.header.cluster == "default")
        #expect(reader.header.sourceMember == .zero)
        #expect(records.count == 5)
        #expect(reader.trailer?.count == 5)
        #expect(records.map(\.key.context) == ["app00", "app00", "app01", "app01", "app02"])
        var expected: [StoreRecord] = []
        SnapshotGenerator(Self.parameters).forEachRecord { expected.append($0) }
        #expect(records == expected)
        #expect(reader.header.versionVector == VersionVector(records.map(\.version)))
    }

    @Test func fixtureStartsWithTheVersion1Preamble() throws {
        let fixture = Array(try Data(contentsOf: try Self.fixtureURL()))
        #expect(Array(fixture.prefix(10)) == SnapshotFormat.magic + [0x00, 0x01])
    }
}
