import NIOCore
import TernWireSealing

/// Feeding sealed records to a `RecordOpener`, and what the sealing target requires of what opens.
enum SealingRecords {
    /// Opens every complete record `buffer` holds, appending to `opened`; false once one fails.
    static func drain(
        _ opener: inout RecordOpener, _ buffer: inout ByteBuffer, into opened: inout SealingReference.Opened
    ) -> Bool {
        do {
            while let plaintext = try opener.open(&buffer) { opened.plaintexts.append(Array(plaintext.readableBytesView)) }
            return true
        } catch {
            opened.error = error
            return false
        }
    }

    /// Opens `stream` handed over in `chunks` (used in turn), as a channel would.
    static func open(_ stream: [UInt8], with opener: inout RecordOpener, chunks: [Int]) -> SealingReference.Opened {
        var opened = SealingReference.Opened()
        var buffer = ByteBuffer()
        var position = 0
        var turn = 0
        repeat {
            let next = min(stream.count, position + chunks[turn % chunks.count])
            turn += 1
            buffer.writeBytes(stream[position..<next])
            position = next
            guard drain(&opener, &buffer, into: &opened) else { return opened }
        } while position < stream.count
        opened.leftover = buffer.readableBytes
        return opened
    }

    /// Every record opened must be the very bytes the other side's `sealer` (from its record 0) makes
    /// of that plaintext: nothing opens that the key holder did not seal.
    static func requireSealedBy(
        _ sealer: RecordSealer, _ plaintexts: [[UInt8]], _ stream: [UInt8], what: String
    ) throws(FuzzViolation) {
        var sealer = sealer
        var resealed = ByteBuffer()
        for plaintext in plaintexts {
            do {
                try sealer.seal(ByteBuffer(bytes: plaintext), into: &resealed)
            } catch {
                throw FuzzViolation("\(what): a plaintext does not seal again: \(error)")
            }
        }
        try require(stream.starts(with: resealed.readableBytesView), "\(what) records the other side did not seal")
    }
}
