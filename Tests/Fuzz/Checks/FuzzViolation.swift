/// A property a fuzz target checks did not hold for an input. Under libFuzzer the target aborts, so
/// the input is saved as a crash; on replay (and in `FuzzCorpusTests`) it is reported.
public struct FuzzViolation: Error, Sendable, CustomStringConvertible {
    /// What did not hold, in one line.
    public var description: String

    /// Creates a violation.
    public init(_ description: String) {
        self.description = description
    }
}

/// Throws a `FuzzViolation` with `message` unless `condition` holds.
func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(FuzzViolation) {
    if !condition { throw FuzzViolation(message()) }
}
