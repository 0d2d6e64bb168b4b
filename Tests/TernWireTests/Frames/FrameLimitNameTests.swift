import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// Which bound of docs/LIMITS.md a decoding error reports (`tern_limit_hits_total{limit=…}`).
@Suite("Frame decoding errors name the bound they hit")
struct FrameLimitNameTests {
    private func decodingError(_ frame: Frame, limits: FrameLimits) throws -> FrameDecodingError {
        var buffer = ByteBufferAllocator().buffer(capacity: 256)
        try frame.encode(into: &buffer)
        do {
            _ = try Frame.decode(&buffer, limits: limits)
        } catch {
            return error
        }
        Issue.record("decoded within \(limits)")
        throw CancellationError()
    }

    private let put = Frame(
        sequence: 1, flags: [],
        body: .message(
            .put(Samples.session("s", version: Samples.version(1), attributes: ["a": "0123456789", "b": "1"]))))

    @Test func aPayloadOverMaxFrameIsTheFrameBound() throws {
        let error = try decodingError(put, limits: FrameLimits(maxPayloadBytes: 8))
        #expect(error.exceededLimit == .frame)
    }

    @Test func anAttributeOverItsSizeOrCountIsTheAttributeBound() throws {
        let large = RecordLimits(maxRecordBytes: 1 << 20, maxAttributeBytes: 4, maxAttributes: 16)
        #expect(try decodingError(put, limits: FrameLimits(records: large)).exceededLimit == .attribute)
        let many = RecordLimits(maxRecordBytes: 1 << 20, maxAttributeBytes: 1024, maxAttributes: 1)
        #expect(try decodingError(put, limits: FrameLimits(records: many)).exceededLimit == .attribute)
    }

    @Test func aListOverItsCountIsTheFrameBound() throws {
        let touches = Frame(
            sequence: 2, flags: [],
            body: .message(
                .touch(
                    (0..<3).map {
                        SessionTouch(key: Samples.key("s\($0)"), version: Samples.version(1), lastAccessed: 5)
                    })))
        #expect(try decodingError(touches, limits: FrameLimits(maxListCount: 2)).exceededLimit == .frame)
    }

    @Test func otherErrorsNameNoBound() throws {
        var buffer = ByteBufferAllocator().buffer(capacity: 14)
        buffer.writeBytes([99, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0])
        #expect(throws: FrameDecodingError.self) { _ = try Frame.decode(&buffer) }
        do {
            _ = try Frame.decode(&buffer)
        } catch {
            if let limit = error.exceededLimit { Issue.record("\(error) names the \(limit.rawValue) bound") }
        }
    }
}
