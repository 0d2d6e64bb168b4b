import NIOCore
import TernCore
import TernWire
import TernWireSealing

/// The sealing target: keyed replication connections (TernWireSealing, docs/PROTOCOL.md, "Keyed
/// preface (version 2) and sealed records"). An input is a plan followed by a stream:
///
/// - byte 0: bits 0–1 the mode (below); bits 2–4 the number `n` of chunk sizes that follow;
/// - bytes 1…n: chunk sizes, each byte + 1, used in turn (no sizes: one byte at a time);
/// - round-trip mode only: 3 more bytes, where to flip a byte of the sealed stream (u16) and how (u8);
/// - the rest: the stream.
///
/// Modes: 0, the stream is what a client sends (hello, proof, then records), fed to our server side of
/// the handshake; 1, what a server sends (hello, verdict and proof, records), fed to our client side;
/// 2, records fed to the opener of a connection established in memory; 3, plaintext our sealer seals,
/// in one write per chunk, for the other side to open. Our side holds `FuzzKeys.ours` and uses fixed
/// nonces, so the committed seeds, made by a real peer, carry proofs and records that hold.
///
/// Checks: fed whole or in chunks, the same outcome; the handshake ends, sends and opens exactly what
/// `SealingReference` (the protocol text over swift-crypto) says, so a proof is accepted only from a
/// key holder and a record opens only if the other side sealed it; what our sealer seals opens to the
/// same bytes, and never once a byte is flipped, or on the wrong side, or on another connection.
enum SealingFuzzCheck {
    enum Mode: UInt8, CaseIterable {
        case server = 0
        case client = 1
        case records = 2
        case roundTrip = 3
    }

    struct Plan {
        var mode: Mode
        var chunks: [Int]
        /// Round trip: which byte of the sealed stream to flip (modulo its length), and the bits.
        var flip: (position: Int, bits: UInt8)
        var stream: [UInt8]

        init(_ input: [UInt8]) {
            let options = input.first ?? 0
            mode = Mode(rawValue: options & 0x03)!
            let count = min(Int(options >> 2 & 0x07), max(input.count - 1, 0))
            chunks = input.dropFirst().prefix(count).map { Int($0) + 1 }
            var rest = input.dropFirst(1 + count)
            flip = (0, 0x80)
            if mode == .roundTrip {
                let bytes = Array(rest.prefix(3))
                if bytes.count == 3 {
                    flip = (Int(bytes[0]) << 8 | Int(bytes[1]), bytes[2] == 0 ? 0x80 : bytes[2])
                }
                rest = rest.dropFirst(3)
            }
            stream = Array(rest)
        }

        /// The input that gives this plan.
        static func encode(_ mode: Mode, chunks: [Int], flip: (Int, UInt8) = (0, 0x80), stream: [UInt8]) -> [UInt8] {
            precondition(chunks.count <= 7 && chunks.allSatisfy { (1...256).contains($0) })
            let flipBytes = mode == .roundTrip ? [UInt8(flip.0 >> 8), UInt8(flip.0 & 0xFF), flip.1] : []
            return [mode.rawValue | UInt8(chunks.count) << 2] + chunks.map { UInt8($0 - 1) } + flipBytes + stream
        }
    }

    static func check(_ input: [UInt8]) throws(FuzzViolation) -> Bool {
        let plan = Plan(input)
        let chunks = plan.chunks.isEmpty ? [1] : plan.chunks
        switch plan.mode {
        case .server, .client:
            let side = plan.mode == .server ? SealingPeers.server : SealingPeers.client
            let whole = SealingHandshakeRun(side, stream: plan.stream, chunks: [max(plan.stream.count, 1)])
            let chunked = SealingHandshakeRun(side, stream: plan.stream, chunks: chunks)
            try require(whole == chunked, "fed whole: \(whole); in chunks: \(chunked)")
            try SealingHandshakeRun.expect(whole, side: side, stream: plan.stream)
            return whole.end == .established && whole.opened.error == nil && whole.opened.leftover == 0
        case .records:
            return try checkRecords(plan.stream, chunks: chunks)
        case .roundTrip:
            try SealingRoundTrip.check(plan.stream, chunks: chunks, flip: plan.flip)
            return true
        }
    }

    /// Mode 2: the stream as the client's records on the connection of `SealingPeers.pair`.
    private static func checkRecords(_ stream: [UInt8], chunks: [Int]) throws(FuzzViolation) -> Bool {
        let pair = SealingPeers.pair
        var whole = pair.server.opener
        var chunked = pair.server.opener
        let opened = SealingRecords.open(stream, with: &whole, chunks: [max(stream.count, 1)])
        try require(
            opened == SealingRecords.open(stream, with: &chunked, chunks: chunks), "records opened whole and in chunks differ")
        try require(
            opened == SealingReference.open(stream[...], key: SealingPeers.pairKeys.clientToServer),
            "the opener says \(opened), the protocol \(SealingReference.open(stream[...], key: SealingPeers.pairKeys.clientToServer))")
        try SealingRecords.requireSealedBy(pair.client.sealer, opened.plaintexts, stream, what: "the server opened")
        // Reflected to the client, the same bytes open only if the server sealed them.
        var reflected = pair.client.opener
        let back = SealingRecords.open(stream, with: &reflected, chunks: [max(stream.count, 1)])
        try SealingRecords.requireSealedBy(pair.server.sealer, back.plaintexts, stream, what: "reflected, the client opened")
        return opened.error == nil && opened.leftover == 0 && !opened.plaintexts.isEmpty
    }

    static func seeds() throws -> [(name: String, bytes: [UInt8])] {
        try SealingPeers.seeds()
    }
}
