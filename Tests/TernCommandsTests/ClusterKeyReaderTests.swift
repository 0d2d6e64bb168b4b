import TernCommandSupport
import TernCore
import TernTestKit
import TernWire
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Cluster key file reading")
struct ClusterKeyReaderTests {
    static let keyLine = Base64.encode([UInt8](repeating: 0x5A, count: 32)) + "\n"

    /// Writes `text` to a file of `mode` in `directory` and returns its path.
    static func keyFile(_ directory: TemporaryDirectory, _ text: String, mode: mode_t) throws -> String {
        let path = try directory.write(Array(text.utf8), to: "cluster.key")
        #expect(chmod(path, mode) == 0)
        return path
    }

    @Test(arguments: [0o600, 0o400, 0o700])
    func readsAFileOpenToItsOwnerOnly(mode: Int) throws {
        try withTemporaryDirectory { directory in
            let path = try Self.keyFile(directory, Self.keyLine, mode: mode_t(mode))
            let ring = try ClusterKeyReader.read(path)
            #expect(ring.signing.bytes == [UInt8](repeating: 0x5A, count: 32))
            #expect(ring.signing.id == ClusterKeyID.derive(from: ring.signing.bytes))
        }
    }

    @Test(arguments: [
        (0o640, "readable by group (mode 0640)"), (0o604, "readable by others (mode 0604)"),
        (0o644, "readable by group and others (mode 0644)"), (0o620, "writable by group (mode 0620)"),
        (0o601, "accessible by others (mode 0601)"),
    ])
    func refusesAFileOpenToGroupOrOthersWithStatus78(mode: Int, says: String) throws {
        try withTemporaryDirectory { directory in
            let path = try Self.keyFile(directory, Self.keyLine, mode: mode_t(mode))
            let error = #expect(throws: ToolError.self) { try ClusterKeyReader.read(path) }
            #expect(error?.status == .config)
            #expect(error?.status.rawValue == 78)
            #expect(error?.message == "key file \(path) is \(says); chmod 600 \(path)")
        }
    }

    @Test func aMissingFileIsMissingInput66() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("absent.key")
            let error = #expect(throws: (any Error).self) { try ClusterKeyReader.read(path) }
            let tool = error.flatMap(ToolError.classify)
            #expect(tool?.status.rawValue == 66)
            #expect(tool?.message == "\(path): cannot open: no such file or directory")
        }
    }

    @Test func aFileWithoutKeysOrWithABadLineIsAConfigurationError78() throws {
        try withTemporaryDirectory { directory in
            let empty = try Self.keyFile(directory, "# nothing yet\n", mode: 0o600)
            let error = #expect(throws: ToolError.self) { try ClusterKeyReader.read(empty) }
            #expect(error?.status == .config)
            #expect(error?.message.hasPrefix("key file \(empty): no key in the file") == true)
            let bad = try Self.keyFile(directory, Self.keyLine + "c2VjcmV0\n", mode: 0o600)
            let badError = #expect(throws: ToolError.self) { try ClusterKeyReader.read(bad) }
            #expect(badError?.status == .config)
            #expect(badError?.message == "key file \(bad): line 2: a key of 6 bytes (expected 32)")
        }
    }

    @Test func withoutAKeyFileTheOptionsGiveNoRing() throws {
        let options = try ClusterKeyOptions.parse([])
        #expect(options.keyFile == nil)
        #expect(ClusterKeyOptions.openClusterWarning(tool: "tern-ping").hasPrefix("tern-ping: warning: "))
        #expect(!ClusterKeyOptions.openClusterWarning(tool: "tern-ping").contains("\n"))
    }
}
