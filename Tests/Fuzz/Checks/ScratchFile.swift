#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An unnamed temporary file whose contents are replaced for each input, so the snapshot reader
/// (which opens paths) reads fuzz inputs without leaving files behind: it is unlinked at once and
/// opened again through `/proc/self/fd`.
final class ScratchFile {
    /// A path that opens the file from the start.
    let path: String
    private let descriptor: Int32

    /// A new, empty file in `$TMPDIR` (or /tmp).
    init() {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(folder)/tern-fuzz-XXXXXX".utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        precondition(descriptor >= 0, "cannot create a scratch file in \(folder): errno \(errno)")
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        path = "/proc/self/fd/\(descriptor)"
    }

    /// Makes `bytes` the file's whole contents.
    func replace(with bytes: [UInt8]) {
        precondition(ftruncate(descriptor, 0) == 0, "ftruncate: errno \(errno)")
        var written = 0
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let result = pwrite(descriptor, raw.baseAddress! + written, raw.count - written, off_t(written))
                precondition(result > 0 || errno == EINTR, "pwrite: errno \(errno)")
                if result > 0 { written += result }
            }
        }
    }
}
