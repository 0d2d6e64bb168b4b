/// The exit statuses of every tern tool (DESIGN.md §6; the table is in every man page).
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Success.
    case success = 0
    /// A negative verdict: differences found, an expectation not met, a snapshot too old.
    case negative = 1
    /// Trouble, for `diff` only, which follows diff(1): 0 same, 1 different, 2 trouble.
    case trouble = 2
    /// The command line was wrong.
    case usage = 64
    /// Input data is bad: a corrupt snapshot, a bad frame, malformed JSON.
    case dataError = 65
    /// An input file is missing or unreadable.
    case noInput = 66
    /// A peer or service is unavailable.
    case unavailable = 69
    /// An internal error (a bug).
    case software = 70
    /// An I/O error: a full disk, a failed write.
    case ioError = 74
    /// Something timed out.
    case timedOut = 75
    /// Authentication was refused.
    case noPermission = 77
    /// The configuration is wrong.
    case config = 78

    /// The table as man pages and `--help` show it.
    public static let table = """
        0 success; 1 negative verdict (differences, expectation not met, too old); 64 usage; \
        65 bad input data; 66 input missing; 69 peer unavailable; 70 internal error; 74 I/O error; \
        75 timed out; 77 authentication refused; 78 configuration error
        """
}
