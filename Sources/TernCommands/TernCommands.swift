/// TernCommands holds every command-line definition of tern (swift-argument-parser), the option
/// groups the tools share, output in text and JSON Lines, and the one mapping from errors to exit
/// statuses (`ToolError`). The executables only call `runAsTool()` on a root command.
public enum TernCommands {
    /// The version every tool reports and writes into snapshot headers.
    public static let version = "0.1.0"
}
