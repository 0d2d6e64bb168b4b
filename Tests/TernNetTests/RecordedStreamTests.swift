import TernCore
import TernFiles
import TernSnapshot
import TernTestKit
import TernWire
import Testing

@testable import TernNet

@Suite("Recorded streams")
struct RecordedStreamTests {
    @Test func aRecordingReadsBackAsTheMessagesRecordedInOrder() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("stream.trec")
            let recorder = try StreamRecorder(
                path: path, identity: receiverIdentity, limits: .default, logger: quietLogger)
            let messages =
                puts(50) + [.expire(Tombstone(key: Samples.key("s1"), version: Samples.version(999), retainUntil: 5))]
            for message in messages { recorder.record(message) }
            recorder.close()
            let reader = RecordedStreamReader(file: try FileInput.open(path))
            var read: [ReplicationMessage] = []
            while let message = try reader.next() { read.append(message) }
            #expect(read == messages)
            #expect(reader.preface == receiverIdentity.preface)
        }
    }

    @Test func aRecordingCutInsideAFrameIsAnError() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("stream.trec")
            let recorder = try StreamRecorder(
                path: path, identity: receiverIdentity, limits: .default, logger: quietLogger)
            recorder.record(put("a", 1))
            recorder.close()
            let bytes = try directory.read("stream.trec")
            let cut = try directory.write(Array(bytes.dropLast(3)), to: "cut.trec")
            let reader = RecordedStreamReader(file: try FileInput.open(cut))
            #expect(throws: FrameDecodingError.self) { try reader.next() }
        }
    }
}
