import ArgumentParser
import Logging

/// `--log-level`, shared by every networked tool: diagnostics go to stderr through swift-log.
public struct LoggingOptions: ParsableArguments, Sendable {
    /// The least severe level that is printed.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Least severe log message printed on stderr: trace, debug, info, notice, warning, error or critical.",
            valueName: "level"
        )
    )
    public var logLevel: Logger.Level = .info

    /// Creates the default options.
    public init() {}

    /// Sends every logger of the process to stderr at the chosen level, and returns one labelled `label`.
    public func bootstrap(label: String) -> Logger {
        LogOutput.bootstrap(level: logLevel)
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
