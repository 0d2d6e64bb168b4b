import Crypto
import NIOCore
import TernCore
import TernWire
import TernWireSealing

/// Modes 0 and 1 of the sealing target: one of our handshake sides fed a peer's stream in chunks, as a
/// channel handler would feed it, then `expect`ed to do what the protocol says.
struct SealingHandshakeRun: Equatable, CustomStringConvertible {
    /// How the handshake ended.
    enum End: Equatable {
        /// It needs more bytes.
        case incomplete
        /// The peer proved the key.
        case established
        /// Our side refused the peer (and sent a refusal).
        case refused(SecureChannelError)
        /// Our side gave up on the peer's bytes.
        case failed(SecureChannelError)
    }

    /// What our side sent after its hello.
    var sent: [UInt8] = []
    var end = End.incomplete
    /// Once established: the records that followed, opened.
    var opened = SealingReference.Opened()
    /// Once established: our sealer's first record, of `Self.probe`.
    var probe: [UInt8] = []

    static let probe = Array("probe".utf8)

    init(_ side: SecureHandshake, stream: [UInt8], chunks: [Int]) {
        var side = side
        var buffer = ByteBuffer()
        var channel: SecureChannel?
        var position = 0
        var turn = 0
        feeding: repeat {
            let next = min(stream.count, position + chunks[turn % chunks.count])
            turn += 1
            buffer.writeBytes(stream[position..<next])
            position = next
            if channel == nil {
                do {
                    while let action = try side.onBytes(&buffer) {
                        switch action {
                        case .send(let bytes): sent += bytes
                        case .established(let established, let bytes):
                            sent += bytes
                            channel = established
                            end = .established
                        case .refuse(let bytes, let error):
                            sent += bytes
                            end = .refused(error)
                        }
                        if end != .incomplete { break }
                    }
                } catch {
                    end = .failed(error)
                }
                if end != .incomplete && end != .established { return }
            }
            if var established = channel {
                let going = SealingRecords.drain(&established.opener, &buffer, into: &opened)
                channel = established
                if !going { break feeding }
            }
        } while position < stream.count
        guard var channel else { return }
        if opened.error == nil { opened.leftover = buffer.readableBytes }
        var out = ByteBuffer()
        do {
            try channel.sealer.seal(ByteBuffer(bytes: Self.probe), into: &out)
        } catch {
            return
        }
        probe = Array(out.readableBytesView)
    }

    var description: String {
        "\(end), sent \(sent.count) bytes, opened \(opened.plaintexts.count) records, "
            + "then \(opened.error.map { "\($0)" } ?? "\(opened.leftover) bytes left")"
    }

    /// What the protocol says `side` does with `stream`, compared with `run`.
    static func expect(_ run: Self, side: SecureHandshake, stream: [UInt8]) throws(FuzzViolation) {
        let ours = side.hello.keyIDs
        switch SealingReference.hello(stream[...]) {
        case .needsMore:
            try require(run.end == .incomplete && run.sent.isEmpty, "part of a hello: \(run)")
        case .invalid(let versionOne):
            var failedRight = run.end == .failed(.peerHasNoKey)
            if !versionOne, case .failed(.badHello) = run.end { failedRight = true }
            try require(
                failedRight && (run.end == .failed(.peerHasNoKey)) == versionOne && run.sent.isEmpty,
                "not a hello (a version-1 preface: \(versionOne)): \(run)")
        case .hello(let theirs, let length):
            let clientIDs = side.role == .client ? ours : theirs
            let serverIDs = side.role == .client ? theirs : ours
            guard let id = clientIDs.first(where: serverIDs.contains), let key = FuzzKeys.ours.key(for: id) else {
                try require(
                    run.end == .failed(.noCommonKey(ours: ours, theirs: theirs)) && run.sent.isEmpty,
                    "no key in common: \(run)")
                return
            }
            let peerHello = Array(stream[..<length])
            let rest = stream[length...]
            switch side.role {
            case .server:
                let keys = SealingReference.Keys(key, clientHello: peerHello, serverHello: side.hello.bytes)
                try expectServer(run, keys, rest)
            case .client:
                let keys = SealingReference.Keys(key, clientHello: side.hello.bytes, serverHello: peerHello)
                try expectClient(run, keys, rest)
            }
        }
    }

    /// Our server, after the client's hello: the proof, then records.
    private static func expectServer(_ run: Self, _ keys: SealingReference.Keys, _ rest: ArraySlice<UInt8>) throws(FuzzViolation) {
        let proof = rest.prefix(32)
        guard proof.count == 32 else {
            try require(run.end == .incomplete && run.sent.isEmpty, "waiting for the client's proof: \(run)")
            return
        }
        guard proof.elementsEqual(keys.proof(client: true)) else {
            try require(run.end == .refused(.badProof) && run.sent == [1], "a proof not made with the key: \(run)")
            return
        }
        try require(run.end == .established && run.sent == [0] + keys.proof(client: false), "the key holder's proof: \(run)")
        try expectRecords(run, rest.dropFirst(32), incoming: keys.clientToServer, outgoing: keys.serverToClient)
    }

    /// Our client, after the server's hello: it proves the key, then reads the verdict and proof.
    private static func expectClient(_ run: Self, _ keys: SealingReference.Keys, _ rest: ArraySlice<UInt8>) throws(FuzzViolation) {
        let ourProof = keys.proof(client: true)
        try require(run.sent == ourProof, "our client's proof is not the key holder's: \(run)")
        guard let verdict = rest.first else {
            try require(run.end == .incomplete, "waiting for the verdict: \(run)")
            return
        }
        switch verdict {
        case 0:
            let proof = rest.dropFirst().prefix(32)
            if proof.count < 32 {
                try require(run.end == .incomplete, "waiting for the server's proof: \(run)")
            } else if proof.elementsEqual(keys.proof(client: false)) {
                try require(run.end == .established, "the key holder's proof: \(run)")
                try expectRecords(run, rest.dropFirst(33), incoming: keys.serverToClient, outgoing: keys.clientToServer)
            } else {
                try require(run.end == .failed(.badProof), "a proof not made with the key: \(run)")
            }
        case 1:
            try require(run.end == .failed(.proofRefused), "a refusal: \(run)")
        default:
            guard case .failed(.badHello) = run.end else { throw FuzzViolation("verdict \(verdict): \(run)") }
        }
    }

    /// Once established: the records open as the protocol opens them, and ours open under our key.
    private static func expectRecords(
        _ run: Self, _ records: ArraySlice<UInt8>, incoming: SymmetricKey, outgoing: SymmetricKey
    ) throws(FuzzViolation) {
        let expected = SealingReference.open(records, key: incoming)
        try require(run.opened == expected, "records: \(run); the protocol opens \(expected.plaintexts.count), then \(String(describing: expected.error))")
        let probe = SealingReference.open(run.probe[...], key: outgoing)
        try require(
            probe.plaintexts == [Self.probe] && probe.error == nil && probe.leftover == 0,
            "our first record does not open under the key the protocol derives")
    }
}
