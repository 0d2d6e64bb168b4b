import ArgumentParser
import Dispatch
import TernFiles

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
            if let asyncCommand = command as? AsyncParsableCommand {
                // Async commands (the networked tools) run in a task while the main thread waits.
                let box = UnsafeCommandBox(asyncCommand)
                let semaphore = DispatchSemaphore(value: 0)
                Task.detached {
                    defer { semaphore.signal() }
                    do { try await box.command.run() } catch { box.error = error }
                }
                semaphore.wait()
                if let error = box.error { throw error }
            } else {
                try command.run()
            }
            finish(name: name)
        } catch {
            fail(name: name, error: error)
        }
    }

    /// Flushes stdout and exits 0.
    private static func finish(name: String) -> Never {
        StandardOutput.shared.flushOrDie(tool: name)
        Glibc.exit(0)
    }

    /// Reports `error` as the exit-status table says and exits.
    private static func fail(name: String, error: Error) -> Never {
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

/// Carries an async command and its error across the detached task that runs it.
private final class UnsafeCommandBox: @unchecked Sendable {
    var command: AsyncParsableCommand
    var error: Error?

    init(_ command: AsyncParsableCommand) {
        self.command = command
    }
}
