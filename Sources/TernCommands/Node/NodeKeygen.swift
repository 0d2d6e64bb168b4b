import ArgumentParser
import TernCommandSupport
import TernCore
import TernFiles
import TernWire

#if canImport(Glibc)
    import Glibc
#endif

extension TernNode {
    /// `tern-node keygen`: writes a new random cluster key for `--key-file`.
    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new random cluster key (one base64 line) for --key-file.",
            discussion: """
                The key is 32 random bytes from the system's secure generator, written as one base64 line. \
                A file is written atomically with mode 0600, and never over an existing file unless --force; \
                its key id (never the key) is printed on standard error. Give every member the same file with \
                --key-file.

                To rotate keys without downtime (docs/SECURITY.md): add the new key as a second line on every \
                member and restart them one by one; then move it to the first line everywhere (members sign with \
                the first line and accept every line); then remove the old line.

                Examples:
                  tern-node keygen -o /etc/tern/cluster.key
                  tern-node keygen >> /etc/tern/cluster.key      (adds a key for a rotation)

                EXIT STATUS: \(ExitStatus.table). 74 when the file exists (without --force) or cannot be written.
                """)

        @Option(
            name: [.customShort("o"), .long],
            help: ArgumentHelp("Where to write the key: a new file, or - for standard output.", valueName: "path"),
            completion: .file())
        var output = "-"

        @Flag(help: "Replace an existing file (the keys in it are lost).")
        var force = false

        func run() throws {
            let key = ClusterKey.random()
            let line = ClusterKeyFile.line(for: key)
            guard output != "-" else {
                try StandardOutput.shared.line(line)
                return
            }
            var info = stat()
            if !force && lstat(output, &info) == 0 { throw Self.exists(output) }
            let file = try OutputFile.create(output, bufferSize: 4096, mode: 0o600)
            do {
                try file.write(Array((line + "\n").utf8))
                try file.commit(replacing: force)
            } catch let error as IOFailure where error.code == EEXIST {
                throw Self.exists(output)
            } catch {
                file.abort()
                throw error
            }
            StandardError.line("tern-node: wrote \(key) to \(output)")
        }

        static func exists(_ path: String) -> ToolError {
            ToolError(
                .ioError, "\(path) exists; choose another file, or --force to replace it (the keys in it are lost)")
        }
    }
}
