import NIOCore
import TernWire

/// The Tomcat (Tribes) target. The same input is read two ways: as a member record (a heartbeat
/// datagram), which must fail with `TribesDecodingError` or re-encode to the bytes it came from; and
/// as a TCP stream of frames, whole and 3 bytes at a time, which must give the same payloads and the
/// same error, each payload a channel message or ACK that re-encodes exactly.
enum TribesFuzzCheck {
    static func check(_ input: [UInt8]) throws(FuzzViolation) -> Bool {
        let member = try checkMember(input)
        let stream = try checkStream(input)
        return member || stream
    }

    private static func checkMember(_ input: [UInt8]) throws(FuzzViolation) -> Bool {
        let direct = Result { () throws(TribesDecodingError) in try TribesMemberCodec.decode(ByteBuffer(bytes: input)).member }
        switch direct {
        case .success(let member): try roundTrip(member, input)
        case .failure(let error): _ = error.description
        }
        // Receivers tell formats apart by their first bytes; a Tomcat record must decode the same way.
        let accepted = (try? direct.get()) != nil
        guard input.starts(with: TribesFormat.memberBegin.prefix(8)) else { return accepted }
        let membership = Result { () throws(MembershipDatagram.DecodingError) in
            try MembershipDatagram.decode(ByteBuffer(bytes: input))
        }
        switch (membership, direct) {
        case (.success(.tribes(let viaDatagram)), .success(let member)) where viaDatagram == member: return accepted
        case (.failure(.tribes(let viaDatagram)), .failure(let error)) where viaDatagram == error: return accepted
        default: throw FuzzViolation("MembershipDatagram and TribesMemberCodec disagree on a Tomcat record")
        }
    }

    /// A decoded member re-encodes to the bytes up to its end marker (what follows is ignored).
    static func roundTrip(_ member: TribesMember, _ input: [UInt8]) throws(FuzzViolation) {
        var encoded = ByteBuffer()
        TribesMemberCodec.encode(member, into: &encoded)
        let length = TribesMemberCodec.encodedSize(of: member)
        try require(encoded.readableBytes == length, "encodedSize \(length) differs from the encoding")
        try require(
            input.count >= length && Array(encoded.readableBytesView) == Array(input.prefix(length)),
            "a decoded Tomcat member re-encodes to different bytes")
    }

    private struct StreamResult: Equatable {
        var payloads: [ByteBuffer] = []
        /// The error, with a bad marker's `found` bytes left out: how many of them had arrived
        /// depends on the chunk size.
        var error: TribesDecodingError?
        var leftover = 0
    }

    private static func checkStream(_ input: [UInt8]) throws(FuzzViolation) -> Bool {
        let whole = decodeStream(input, chunk: input.count)
        let chunked = decodeStream(input, chunk: 3)
        try require(whole == chunked, "the frame decoder gives different results whole and 3 bytes at a time")
        for payload in whole.payloads {
            var frame = ByteBuffer()
            TribesFrameDecoder.encodeFrame(payload, into: &frame)
            try require(frame.readableBytes == TribesFormat.frameOverhead + payload.readableBytes, "frame size")
            let bytes = Array(payload.readableBytesView)
            if bytes == TribesFormat.ackBody || bytes == TribesFormat.failureAckBody { continue }
            let message = Result { () throws(TribesDecodingError) in try TribesChannelMessage.decode(payload) }
            switch message {
            case .success(let message):
                var encoded = ByteBuffer()
                message.encode(into: &encoded)
                try require(encoded == payload, "a decoded channel message re-encodes to different bytes")
            case .failure(let error): _ = error.description
            }
        }
        return whole.error == nil && !whole.payloads.isEmpty && whole.leftover == 0
    }

    /// Frames from `input` delivered `chunk` bytes at a time; stops at the first error.
    private static func decodeStream(_ input: [UInt8], chunk: Int) -> StreamResult {
        var result = StreamResult()
        var buffer = ByteBuffer()
        var position = 0
        repeat {
            let end = min(input.count, position + max(chunk, 1))
            buffer.writeBytes(input[position..<end])
            position = end
            do {
                while let payload = try TribesFrameDecoder.decodeFrame(&buffer) {
                    result.payloads.append(payload)
                }
            } catch {
                _ = error.description
                var error = error
                if case .badMarker(let expected, _) = error.reason { error.reason = .badMarker(expected: expected, found: []) }
                result.error = error
                return result
            }
        } while position < input.count
        result.leftover = buffer.readableBytes
        return result
    }

    /// Member records: like the captured Tomcat heartbeat and its shutdown, IPv6, and a long payload.
    static func memberSeeds() -> [(name: String, bytes: [UInt8])] {
        let id: [UInt8] = Array(0xE0...0xEF)
        let members: [(String, TribesMember)] = [
            (
                "member-alive", TribesMember(
                    aliveTime: 1025, port: 4000, host: [127, 0, 0, 1], domain: Array("tribes-test".utf8), uniqueId: id,
                    payload: Array("hello-payload".utf8))
            ),
            (
                "member-stop", TribesMember(
                    aliveTime: 12035, port: 4000, host: [127, 0, 0, 1], command: TribesFormat.shutdownCommand,
                    domain: Array("tribes-test".utf8), uniqueId: id)
            ),
            (
                "member-ipv6", TribesMember(
                    aliveTime: 1, port: 4100, securePort: 4101, udpPort: 4102, host: [0xFE, 0x80] + Array(repeating: 0, count: 13) + [1],
                    uniqueId: id)
            ),
            (
                "member-payload", TribesMember(
                    aliveTime: .max, port: 65535, host: [10, 0, 0, 9], domain: [0xE9], uniqueId: id,
                    payload: Array(repeating: 0x41, count: 300))
            ),
        ]
        return members.map { name, member in
            var buffer = ByteBuffer()
            TribesMemberCodec.encode(member, into: &buffer)
            return (name, Array(buffer.readableBytesView))
        }
    }

    static func seeds() -> [(name: String, bytes: [UInt8])] {
        var seeds = memberSeeds()
        let sender = TribesMember(
            aliveTime: 1025, port: 4000, host: [127, 0, 0, 1], domain: Array("tribes-test".utf8),
            uniqueId: Array(0xE0...0xEF))
        func frame(_ payloads: [ByteBuffer]) -> [UInt8] {
            var buffer = ByteBuffer()
            for payload in payloads { TribesFrameDecoder.encodeFrame(payload, into: &buffer) }
            return Array(buffer.readableBytesView)
        }
        func message(_ options: Int32, _ text: String) -> ByteBuffer {
            var buffer = ByteBuffer()
            TribesChannelMessage(
                options: TribesOptions(rawValue: options), timestamp: 1_767_225_600_000, id: Array(0..<16),
                sender: sender, message: Array(text.utf8)
            ).encode(into: &buffer)
            return buffer
        }
        seeds.append(("stream-message", frame([message(7, "hello tribes #1")])))
        seeds.append(("stream-ack", frame([ByteBuffer(bytes: TribesFormat.ackBody)])))
        seeds.append(("stream-failure-ack", frame([ByteBuffer(bytes: TribesFormat.failureAckBody)])))
        seeds.append(
            ("stream-three", frame([message(1, "a"), ByteBuffer(bytes: TribesFormat.ackBody), message(2, "")])))
        return seeds
    }
}
