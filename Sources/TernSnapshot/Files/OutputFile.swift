#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// An output written atomically: bytes go to a temporary file beside the target, which is synced
/// and renamed over the target only by `commit()`. A failure or an interruption leaves the target
/// as it was. `-` is standard output, and a target that exists but is not a regular file (a
/// device, a pipe) is written in place, since it cannot be renamed over.
public final class OutputFile: ByteSink {
    /// The target path, `-` for standard output.
    public let path: String
    /// Bytes written so far.
    public private(set) var bytesWritten: Int64 = 0
    private let descriptor: Int32
    private let temporaryPath: String?
    private let buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    private let bufferLimit: Int
    private var closed = false

    private init(path: String, descriptor: Int32, temporaryPath: String?, bufferLimit: Int) {
        self.path = path
        self.descriptor = descriptor
        self.temporaryPath = temporaryPath
        self.bufferLimit = bufferLimit
        buffer = .allocate(byteCount: bufferLimit, alignment: 64)
    }

    deinit {
        if !closed { abort() }
        buffer.deallocate()
    }

    /// Opens `path` for writing; a new file gets `mode` less the umask (0666: an ordinary create's).
    public static func create(_ path: String, bufferSize: Int = 1 << 20, mode: mode_t = 0o666) throws -> OutputFile {
        if path == "-" {
            return OutputFile(path: path, descriptor: STDOUT_FILENO, temporaryPath: nil, bufferLimit: bufferSize)
        }
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw IOFailure("create", path: path, code: EISDIR)
            }
            if (info.st_mode & S_IFMT) != S_IFREG {
                let descriptor = open(path, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw IOFailure("create", path: path, code: errno) }
                return OutputFile(path: path, descriptor: descriptor, temporaryPath: nil, bufferLimit: bufferSize)
            }
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((directory + StaleTemporaryFiles.prefix(forTargetNamed: name) + "XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw IOFailure("create", path: path, code: errno) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // mkstemp creates 0600; give the file the mode an ordinary create would (`mode` less umask).
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, mode & ~mask)
        TemporaryFiles.register(temporary)
        return OutputFile(path: path, descriptor: descriptor, temporaryPath: temporary, bufferLimit: bufferSize)
    }

    /// Buffers `bytes`, writing out whenever the buffer fills.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffered + bytes.count > bufferLimit {
            try flush()
            if bytes.count >= bufferLimit {
                try writeAll(bytes)
                return
            }
        }
        guard bytes.count > 0 else { return }
        (buffer.baseAddress! + buffered).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        buffered += bytes.count
    }

    /// Writes out the buffer.
    public func finish() throws {
        try flush()
    }

    /// Makes the output durable and visible under its name: flush, fsync, rename, fsync the
    /// directory. Without it, the target is never touched. With `replacing` false, a target that
    /// exists (even one created meanwhile) is left alone and the commit fails with EEXIST.
    public func commit(replacing: Bool = true) throws {
        try flush()
        guard let temporaryPath else {
            if path != "-", fsync(descriptor) != 0, errno != EINVAL {
                throw IOFailure("sync", path: path, code: errno)
            }
            if path != "-" { close(descriptor) }
            closed = true
            return
        }
        guard fsync(descriptor) == 0 else { throw IOFailure("sync", path: path, code: errno) }
        guard close(descriptor) == 0 else {
            closed = true
            unlink(temporaryPath)
            TemporaryFiles.unregister(temporaryPath)
            throw IOFailure("write", path: path, code: errno)
        }
        closed = true
        // Without replacing: link(2) refuses an existing target atomically; the temporary name goes after.
        let moved = replacing ? rename(temporaryPath, path) : link(temporaryPath, path)
        guard moved == 0 else {
            let code = errno
            unlink(temporaryPath)
            TemporaryFiles.unregister(temporaryPath)
            throw IOFailure(replacing ? "rename" : "create", path: path, code: code)
        }
        if !replacing { unlink(temporaryPath) }
        TemporaryFiles.unregister(temporaryPath)
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? "."
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Discards the output: the temporary file is removed and the target left as it was.
    public func abort() {
        guard !closed else { return }
        closed = true
        if let temporaryPath {
            close(descriptor)
            unlink(temporaryPath)
            TemporaryFiles.unregister(temporaryPath)
        } else if path != "-" {
            close(descriptor)
        }
    }

    private func flush() throws {
        guard buffered > 0 else { return }
        let count = buffered
        buffered = 0
        try writeAll(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count))
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let result = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if result < 0 {
                if errno == EINTR { continue }
                throw IOFailure("write", path: path, code: errno)
            }
            offset += result
        }
        bytesWritten += Int64(bytes.count)
    }
}
