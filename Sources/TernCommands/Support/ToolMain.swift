import ArgumentParser
import TernSnapshot

#if canImport(Glibc)
import Glibc
#endif

extension ParsableCommand {
    /// Parses the command line, runs the command, and exits with the status of the table:
    /// tool errors print `name: message` on stderr; usage errors and `--help` are the parser's;
    /// any other error is a bug and exits 70.
    public static func runAsTool(_ arguments: [String]? = nil) -> Never {
        TemporaryFiles.removeOnFatalSignals()
        let name = configuration.commandName ?? "tern"
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
            StandardOutput.shared.flushOrDie(tool: name)
            Glibc.exit(0)
        } catch {
            StandardOutput.shared.flushOrDie(tool: name)
            if let failure = ToolError.classify(error) {
                StandardError.line("\(name): \(failure.message)")
                Glibc.exit(failure.status.rawValue)
            }
            if error is ExitCode || exitCode(for: error) != .failure {
                exit(withError: error)
            }
            // Anything else escaping a command is a bug: say so, and exit with the internal-error status.
            StandardError.line("\(name): internal error: \(error)")
            Glibc.exit(ExitStatus.software.rawValue)
        }
    }
}
