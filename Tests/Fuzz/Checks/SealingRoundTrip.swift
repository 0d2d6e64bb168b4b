import NIOCore
import TernWireSealing

/// Mode 3 of the sealing target: plaintext sealed by one side of `SealingPeers.pair`, one write per
/// chunk, each way. The other side opens it, fed in the same chunks, to the same bytes. Record 0
/// opens neither back on the sealing side nor on another connection under the same key. With one
/// byte flipped, the records before it open as before and the one holding it never does.
enum SealingRoundTrip {
    static func check(_ plaintext: [UInt8], chunks: [Int], flip: (position: Int, bits: UInt8)) throws(FuzzViolation) {
        let pair = SealingPeers.pair
        let other = SealingPeers.otherPair
        let directions: [(String, RecordSealer, RecordOpener, reflected: RecordOpener, stranger: RecordOpener)] = [
            ("client to server", pair.client.sealer, pair.server.opener, pair.client.opener, other.server.opener),
            ("server to client", pair.server.sealer, pair.client.opener, pair.server.opener, other.client.opener),
        ]
        for (name, sealer, opener, reflected, stranger) in directions {
            var sealer = sealer
            var wire = ByteBuffer()
            var position = 0
            var turn = 0
            while position < plaintext.count {
                let next = min(plaintext.count, position + chunks[turn % chunks.count])
                turn += 1
                do {
                    try sealer.seal(ByteBuffer(bytes: plaintext[position..<next]), into: &wire)
                } catch {
                    throw FuzzViolation("\(name): \(next - position) bytes do not seal: \(error)")
                }
                position = next
            }
            let sealed = Array(wire.readableBytesView)
            var receiver = opener
            let opened = SealingRecords.open(sealed, with: &receiver, chunks: chunks)
            let whole = opened.error == nil && opened.leftover == 0
            let same = Array(opened.plaintexts.joined()) == plaintext
            let counted = receiver.counter == sealer.counter && opened.plaintexts.count == turn
            try require(
                whole && same && counted,
                "\(name): \(plaintext.count) bytes sealed in \(turn) writes open as \(opened.plaintexts.count) records, "
                    + "then \(String(describing: opened.error)), \(opened.leftover) bytes left")
            guard !sealed.isEmpty else { continue }
            for (whose, wrong) in [("the sealing side", reflected), ("another connection", stranger)] {
                var wrong = wrong
                let misopened = SealingRecords.open(sealed, with: &wrong, chunks: [sealed.count])
                try require(
                    misopened.plaintexts.isEmpty && misopened.error == .recordNotAuthentic(record: 0),
                    "\(name): \(whose) opens \(misopened.plaintexts.count) records, then \(String(describing: misopened.error))")
            }
            var tampered = sealed
            let at = flip.position % sealed.count
            tampered[at] ^= flip.bits
            var record = 0
            var start = 0
            while start + 4 + opened.plaintexts[record].count + 16 <= at {
                start += 4 + opened.plaintexts[record].count + 16
                record += 1
            }
            var fresh = opener
            let damaged = SealingRecords.open(tampered, with: &fresh, chunks: [tampered.count])
            try require(
                damaged.plaintexts == Array(opened.plaintexts.prefix(record)) && (damaged.error != nil || damaged.leftover > 0),
                "\(name): byte \(at) (record \(record)) flipped, \(damaged.plaintexts.count) records open, "
                    + "then \(String(describing: damaged.error)), \(damaged.leftover) bytes left")
        }
    }
}
