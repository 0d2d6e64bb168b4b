import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `tern-node --http-token-file` and `--http` as a user meets them before the node starts: the token
/// file's mode and contents, and the warning of an HTTP API open to the network. Every run here exits
/// before it opens a socket (a --data-dir that is a file stops the node after the checks).
@Suite("HTTP token files")
struct HTTPTokenFileTests {
    static let token = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"

    @Test func aTokenFileOpenToGroupIsRefusedWith78AndAMissingOneWith66() throws {
        try withTemporaryDirectory(prefix: "tokens") { directory in
            let path = try directory.write(Array(Self.token.utf8), to: "tokens")
            #expect(chmod(path, 0o640) == 0)
            let result = try runner.run("tern-node", ["--http-token-file", path])
            #expect(result.status == 78, "\(result)")
            #expect(
                result.stderrLines.last
                    == "tern-node: token file \(path) is readable by group (mode 0640); chmod 600 \(path)")
            let missing = try runner.run("tern-node", ["--http-token-file", directory.file("absent")])
            #expect(missing.status == 66, "\(missing)")
        }
    }

    @Test func aBadLineIsRefusedWith78NamingTheLineButNotItsText() throws {
        try withTemporaryDirectory(prefix: "tokens") { directory in
            let path = try directory.write(Array("# tokens\n\(Self.token)short-secret\n".utf8), to: "tokens")
            #expect(chmod(path, 0o600) == 0)
            let result = try runner.run("tern-node", ["--http-token-file", path])
            #expect(result.status == 78, "\(result)")
            #expect(result.stderr.contains("token file \(path): line 3: a token of 12 characters"), "\(result.stderr)")
            #expect(!result.stderr.contains("short-secret"))
        }
    }

    @Test func anHTTPAPIOnTheNetworkWithoutTokensIsWarnedAboutOnce() throws {
        try withTemporaryDirectory(prefix: "tokens") { directory in
            let notADirectory = try directory.write([], to: "file")
            let tokens = try directory.write(Array(Self.token.utf8), to: "tokens")
            #expect(chmod(tokens, 0o600) == 0)
            func warnings(_ arguments: [String]) throws -> [String] {
                let result = try runner.run("tern-node", arguments + ["--data-dir", notADirectory])
                #expect(result.status == 78, "\(result)")
                #expect(result.stderrLines.last?.hasSuffix("not a directory") == true, "\(result)")
                return result.stderrLines.filter { $0.contains("HTTP API is open to the network") }
            }
            let open = try warnings(["--http", "0.0.0.0:0"])
            #expect(
                open == [
                    "tern-node: warning: --http 0.0.0.0:0 without --http-token-file, so the HTTP API is open to the "
                        + "network (anyone who reaches the port can read and write every session); give it "
                        + "--http-token-file FILE, or listen on 127.0.0.1"
                ])
            #expect(try warnings(["--http", "[::]:8080"]).count == 1)
            #expect(try warnings(["--http", "127.0.0.1:0"]).isEmpty)
            #expect(try warnings(["--http", "[::1]:0"]).isEmpty)
            #expect(try warnings(["--http", "0.0.0.0:0", "--http-token-file", tokens]).isEmpty)
        }
    }

    @Test func limitsOutOfRangeAreUsageErrors() throws {
        for arguments in [
            ["--http-max-body", "100"], ["--http-max-body", "1T"], ["--http-max-attributes", "0"],
            ["--http-max-value", "17M"], ["--http", ":8080"],
        ] {
            let result = try runner.run("tern-node", arguments)
            #expect(result.status == 64, "\(arguments): \(result)")
        }
    }
}
