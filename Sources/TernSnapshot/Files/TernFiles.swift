/// TernFiles: plain files, for every tool. `OutputFile` writes atomically (a temporary file beside
/// the target, synced and renamed over it), `FileInput` reads a file or standard input,
/// `TemporaryFiles` removes uncommitted outputs on a fatal signal, and `IOFailure` is the error of a
/// failed system call. It knows no format and links nothing but libc: snapshots are TernSnapshot's.
public enum TernFiles {}
