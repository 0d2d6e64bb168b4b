import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `tern-node keygen` and `--key-file` as a user meets them: the key file's mode, refusals and their
/// exit statuses, and the open-cluster warning. Every tool here exits before it opens a socket.
@Suite("Cluster key files")
struct KeyFileTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    @Test func keygenWritesOneBase64KeyOfMode0600AndRefusesToReplaceIt() throws {
        try withTemporaryDirectory(prefix: "keygen") { directory in
            let path = directory.file("cluster.key")
            let made = try runner.run("tern-node", ["keygen", "-o", path])
            #expect(made.status == 0, "\(made)")
            #expect(Self.mode(path) == 0o600)
            let text = String(decoding: try directory.read("cluster.key"), as: UTF8.self)
            #expect(text.hasSuffix("\n") && text.split(separator: "\n").count == 1)
            #expect(Data(base64Encoded: String(text.dropLast()))?.count == 32)
            #expect(made.stdout.isEmpty)
            #expect(made.stderr.hasPrefix("tern-node: wrote key "), "\(made.stderr)")

            let again = try runner.run("tern-node", ["keygen", "-o", path])
            #expect(again.status == 74, "\(again)")
            #expect(again.stderr.contains("exists; choose another file, or --force"), "\(again.stderr)")
            #expect(String(decoding: try directory.read("cluster.key"), as: UTF8.self) == text)

            let forced = try runner.run("tern-node", ["keygen", "-o", path, "--force"])
            #expect(forced.status == 0, "\(forced)")
            #expect(String(decoding: try directory.read("cluster.key"), as: UTF8.self) != text)
            #expect(Self.mode(path) == 0o600)
            #expect(try directory.entries() == ["cluster.key"], "no temporary file is left behind")
        }
    }

    @Test func keygenWithoutAFileWritesTheKeyToStandardOutput() throws {
        let first = try runner.run("tern-node", ["keygen"])
        let second = try runner.run("tern-node", ["keygen", "-o", "-"])
        #expect(first.status == 0 && second.status == 0)
        #expect(first.stdoutLines.count == 1 && Data(base64Encoded: first.stdoutLines[0])?.count == 32)
        #expect(first.stdoutLines != second.stdoutLines)
    }

    @Test func theNodeCommandIsUnchangedBesideKeygen() throws {
        let help = try runner.run("tern-node", ["--help"])
        #expect(help.status == 0)
        #expect(help.stdoutText.contains("--listen <addr:port>"), "\(help.stdoutText)")
        #expect(help.stdoutText.contains("--key-file <path>"))
        #expect(help.stdoutText.contains("keygen"))
        let usage = try runner.run("tern-node", ["--replication", "bogus"])
        #expect(usage.status == 64, "\(usage)")
    }

    @Test(arguments: ["tern-ping", "tern-recv", "tern-node"])
    func aKeyFileOpenToOthersIsRefusedWith78BeforeAnythingStarts(tool: String) throws {
        try withTemporaryDirectory(prefix: "keyfile") { directory in
            let path = try directory.write(Array("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n".utf8), to: "k")
            #expect(chmod(path, 0o644) == 0)
            let result = try runner.run(tool, ["--key-file", path])
            #expect(result.status == 78, "\(result)")
            #expect(
                result.stderrLines == [
                    "\(tool): key file \(path) is readable by group and others (mode 0644); chmod 600 \(path)"
                ])
            let missing = try runner.run(tool, ["--key-file", directory.file("absent")])
            #expect(missing.status == 66, "\(missing)")
        }
    }

    @Test func aBadLineIsRefusedWith78NamingTheLineButNotItsText() throws {
        try withTemporaryDirectory(prefix: "keyfile") { directory in
            let path = try directory.write(Array("# keys\nsecret-words\n".utf8), to: "k")
            #expect(chmod(path, 0o600) == 0)
            let result = try runner.run("tern-xfer", ["pull", "--from", "127.0.0.1:1", "--key-file", path, "-o", "x"])
            #expect(result.status == 78, "\(result)")
            #expect(result.stderr.contains("line 2: not a key"), "\(result.stderr)")
            #expect(!result.stderr.contains("secret-words"))
        }
    }
}
