import Foundation
import TernCore
import TernFiles
import TernSnapshot
import TernTestKit
import Testing

@Suite("OutputFile: atomic output")
struct OutputFileTests {
    /// Names of uncommitted temporary files for `name` (`.NAME.tern-XXXXXX`).
    static func temporaries(of name: String, in directory: TemporaryDirectory) throws -> [String] {
        try directory.entries().filter { $0.hasPrefix(".\(name).tern-") }
    }

    @Test func commitReplacesTheTargetAndLeavesNoTemporaryFile() throws {
        try withTemporaryDirectory { directory in
            let target = try directory.write(Array("old".utf8), to: "out.tsnap")
            let output = try OutputFile.create(target)
            try output.write(Array("new content".utf8))
            try output.finish()
            // Until commit, the target is untouched and the bytes sit in a temporary file beside it.
            #expect(try directory.read("out.tsnap") == Array("old".utf8))
            let pending = try Self.temporaries(of: "out.tsnap", in: directory)
            #expect(pending.count == 1)
            #expect(pending.first?.count == ".out.tsnap.tern-".count + 6)
            try output.commit()
            #expect(try directory.read("out.tsnap") == Array("new content".utf8))
            #expect(try directory.entries() == ["out.tsnap"])
            #expect(output.bytesWritten == 11)
        }
    }

    @Test func commitCreatesAMissingTarget() throws {
        try withTemporaryDirectory { directory in
            let output = try OutputFile.create(directory.file("fresh"))
            try output.write([1, 2, 3])
            try output.commit()
            #expect(try directory.read("fresh") == [1, 2, 3])
            #expect(try directory.entries() == ["fresh"])
        }
    }

    @Test func abortLeavesThePreviousTargetAndNoTemporaryFile() throws {
        try withTemporaryDirectory { directory in
            let target = try directory.write(Array("previous".utf8), to: "out.tsnap")
            let output = try OutputFile.create(target)
            try output.write([UInt8](repeating: 9, count: 3 << 20))  // past the buffer: really on disk
            output.abort()
            output.abort()  // twice is harmless
            #expect(try directory.read("out.tsnap") == Array("previous".utf8))
            #expect(try directory.entries() == ["out.tsnap"])
        }
    }

    @Test func droppingAnUncommittedOutputAborts() throws {
        try withTemporaryDirectory { directory in
            do {
                let output = try OutputFile.create(directory.file("never"))
                try output.write([1])
            }
            #expect(try directory.entries().isEmpty)
        }
    }

    @Test func writesLargerThanTheBufferArriveInOrder() throws {
        try withTemporaryDirectory { directory in
            var random = TestRandom(seed: 6)
            let chunks = (0..<50).map { _ in random.bytes(Int.random(in: 0...300, using: &random)) }
            let output = try OutputFile.create(directory.file("chunks"), bufferSize: 64)
            for chunk in chunks { try output.write(chunk) }
            try output.commit()
            #expect(try directory.read("chunks") == Array(chunks.joined()))
            #expect(output.bytesWritten == Int64(chunks.joined().count))
        }
    }

    @Test func creatingOverADirectoryFailsWithIOFailure() throws {
        try withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory.file("sub"), withIntermediateDirectories: false)
            let error = #expect(throws: IOFailure.self) { _ = try OutputFile.create(directory.file("sub")) }
            #expect(error?.code == EISDIR)
            #expect(error?.path == directory.file("sub"))
            #expect(try directory.entries() == ["sub"])
        }
    }

    @Test func creatingInAMissingDirectoryFailsWithIOFailure() throws {
        try withTemporaryDirectory { directory in
            let error = #expect(throws: IOFailure.self) { _ = try OutputFile.create(directory.file("no/such/file")) }
            #expect(error?.code == ENOENT)
        }
    }

    @Test func snapshotOutputCommitsOnlyWhenTheBodySucceeds() throws {
        struct Stop: Error {}
        try withTemporaryDirectory { directory in
            let target = try directory.write(Array("keep me".utf8), to: "s.tsnap")
            #expect(throws: Stop.self) {
                try SnapshotOutput.writeSnapshot(to: target, header: Snap.header, compression: .none) { writer in
                    try writer.write(Snap.records[0])
                    throw Stop()
                }
            }
            #expect(try directory.read("s.tsnap") == Array("keep me".utf8))
            #expect(try directory.entries() == ["s.tsnap"])
            // A writer error (out of order) aborts the same way.
            #expect(throws: SnapshotWriter.OrderError.self) {
                try SnapshotOutput.writeSnapshot(to: target, header: Snap.header, compression: .gzip) { writer in
                    try writer.write(Snap.records[1])
                    try writer.write(Snap.records[0])
                }
            }
            #expect(try directory.read("s.tsnap") == Array("keep me".utf8))
            #expect(try directory.entries() == ["s.tsnap"])
        }
    }

    @Test(arguments: Compression.allCases)
    func snapshotOutputWritesAReadableSnapshot(compression: Compression) throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("out")
            let trailer = try SnapshotOutput.writeSnapshot(to: path, header: Snap.header, compression: compression) {
                writer in
                for record in Snap.records { try writer.write(record) }
            }
            let (reader, records) = try Snap.read(path)
            #expect(records == Snap.records)
            #expect(reader.compression == compression)
            #expect(reader.trailer == trailer)
            #expect(try directory.entries() == ["out"])
        }
    }

    @Test func compressionFollowsTheNameOrTheFlag() {
        #expect(SnapshotOutput.compression(forPath: "a.tsnap.gz", force: false) == .gzip)
        #expect(SnapshotOutput.compression(forPath: "a.tsnap", force: false) == Compression.none)
        #expect(SnapshotOutput.compression(forPath: "a.tsnap", force: true) == .gzip)
    }
}
