import ArgumentParser
import TernSnapshot

#if canImport(Glibc)
import Glibc
#endif

extension ParsableCommand {
    /// Parses the command line, runs the command, and exits with the status of the table:
    /// tool errors print `name: message` on stderr; usage errors and `--help` are the parser's.
    public static func runAsTool(_ arguments: [String]? = nil) -> Never {
        TemporaryFiles.removeOnFatalSignals()
        let name = configuration.commandName ?? "tern"
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            StandardOutput.shared.flushOrDie(tool: name)
            Glibc.exit(0)
        } catch {
            StandardOutput.shared.flushOrDie(tool: name)
            if let failure = ToolError.classify(error) {
                StandardError.line("\(name): \(failure.message)")
                Glibc.exit(failure.status.rawValue)
            }
            exit(withError: error)
        }
    }
}
