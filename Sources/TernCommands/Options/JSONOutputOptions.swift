import ArgumentParser

/// `--json`: JSON Lines on stdout instead of text.
public struct JSONOutputOptions: ParsableArguments {
    /// Whether to print JSON Lines.
    @Flag(name: .long, help: "Print JSON Lines (one object per line, with a \"kind\" field) instead of text.")
    public var json = false

    /// Creates the default (text).
    public init() {}
}
