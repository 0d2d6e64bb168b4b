import Logging
import NIOCore
import TernCore
import TernFiles
import TernSnapshot
import TernWire

#if canImport(Glibc)
    import Glibc
#endif

/// Writes the replication messages a receiver gets to a file, as a replication stream of its own:
/// the recorder's preface, then one frame per message in arrival order (sequence numbers from 1, no
/// ack requested). The file replays into any receiver, with `tern-xfer push FILE` or even
/// `nc HOST 4000 < FILE` (docs/REPLICATION.md, "Recorded streams").
///
/// Used from the store's event loop only. A write error is logged once and ends the recording; the
/// receiver goes on.
public final class StreamRecorder: @unchecked Sendable {
    /// The file written.
    public let path: String
    /// Messages recorded so far.
    public private(set) var count = 0
    /// The first write error, if any.
    public private(set) var failure: IOFailure?
    private var descriptor: Int32
    private var buffer: ByteBuffer
    private var sequence: UInt64 = 0
    private let limits: FrameLimits
    private let logger: Logger

    /// Creates (or truncates) `path` and writes the preface of `identity`.
    public init(path: String, identity: ReplicationIdentity, limits: FrameLimits, logger: Logger) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw IOFailure("create", path: path, code: errno) }
        self.path = path
        self.descriptor = descriptor
        self.limits = limits
        self.logger = logger
        buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
        try? identity.preface.encode(into: &buffer, limits: limits)
        try writeOut()
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    /// Appends one message; writes out when the buffer is large.
    func record(_ message: ReplicationMessage) {
        guard failure == nil else { return }
        sequence += 1
        do {
            try Frame(sequence: sequence, body: .message(message)).encode(into: &buffer, limits: limits)
            count += 1
        } catch {
            logger.warning("not recorded: \(error)", metadata: ["file": "\(path)"])
        }
        if buffer.readableBytes >= 1 << 20 { flush() }
    }

    /// Writes out what is buffered.
    public func flush() {
        guard failure == nil else { return }
        do {
            try writeOut()
        } catch let error as IOFailure {
            failure = error
            logger.error("recording stopped: \(error)", metadata: ["file": "\(path)"])
        } catch {}
    }

    /// Writes out and closes the file.
    public func close() {
        flush()
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
    }

    private func writeOut() throws {
        guard descriptor >= 0 else { return }
        while buffer.readableBytes > 0 {
            let written = buffer.withUnsafeReadableBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw IOFailure("write", path: path, code: errno)
            }
            buffer.moveReaderIndex(forwardBy: written)
        }
        buffer.clear()
    }
}
