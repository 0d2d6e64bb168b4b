import TernWire
import NIOCore
import TernCore

/// One side of a keyed connection's handshake (docs/PROTOCOL.md, "Keyed preface"), with no I/O: the
/// shell sends `hello` at once, then feeds what arrives to `onBytes` and does what it returns.
///
/// 1. Both sides send a hello (key ids, nonce) at once.
/// 2. The client, on the server's hello, picks the key (the first of its own keys the server lists)
///    and sends its proof: HMAC under the client proof key over the transcript.
/// 3. The server picks the same key (the first the client lists that it holds), checks the proof
///    and answers with a verdict: 0 and its own proof, or 1 (refused) and a close.
/// 4. The client checks the server's proof. Only then does either side send sealed records, so a
///    peer that has not proved the key gets nothing but a hello (and, from a server, a refusal).
public struct SecureHandshake: Sendable {
    /// Which end of the connection this side is.
    public enum Role: Sendable, Hashable {
        /// The side that connected.
        case client
        /// The side that accepted.
        case server
    }

    /// Bytes of a proof.
    public static let proofSize = 32
    /// The server's verdict byte: the client's proof is accepted (its own proof follows).
    static let accepted: UInt8 = 0
    /// The server's verdict byte: the client's proof is refused (the connection closes).
    static let refused: UInt8 = 1

    private enum State {
        case awaitingHello
        case awaitingProof(SecureTranscript)
        case awaitingVerdict(SecureTranscript)
        case done
    }

    /// This side's role.
    public let role: Role
    /// The hello this side sends first.
    public let hello: SecureHello
    /// The key both sides use, once the hellos are exchanged.
    public private(set) var key: ClusterKey?
    private let keys: ClusterKeyRing
    private let helloBytes: [UInt8]
    private var state = State.awaitingHello

    /// Creates one side; `nonce` must be `SecureHello.nonceSize` fresh random bytes.
    public init(role: Role, keys: ClusterKeyRing, nonce: [UInt8]) {
        precondition(nonce.count == SecureHello.nonceSize, "a handshake nonce is \(SecureHello.nonceSize) bytes")
        self.role = role
        self.keys = keys
        let hello = SecureHello(keyIDs: keys.keys.map(\.id), nonce: nonce)
        self.hello = hello
        helloBytes = hello.bytes
    }

    /// Creates one side with a fresh nonce from the system's secure generator.
    public init(role: Role, keys: ClusterKeyRing) {
        var generator = SystemRandomNumberGenerator()
        self.init(
            role: role, keys: keys,
            nonce: (0..<SecureHello.nonceSize).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// What the shell must do after `onBytes`.
    public enum Action: Sendable {
        /// Send these bytes and keep feeding `onBytes`.
        case send([UInt8])
        /// The peer proved the key: send these bytes (maybe none), then seal and open every later
        /// byte with `channel`; bytes still in the buffer are the peer's first records.
        case established(SecureChannel, send: [UInt8])
        /// Send these bytes (a refusal), then close the connection: `error` says why.
        case refuse(send: [UInt8], SecureChannelError)
    }

    /// Consumes the handshake bytes at the front of `buffer`: nil (reading nothing more) when more are
    /// needed. Throws when the peer's bytes end the handshake with nothing more to send.
    public mutating func onBytes(_ buffer: inout ByteBuffer) throws(SecureChannelError) -> Action? {
        switch state {
        case .awaitingHello:
            guard let peer = try SecureHello.decode(&buffer) else { return nil }
            // The encoding is canonical: re-encoding gives exactly the bytes that arrived.
            let peerBytes = peer.bytes
            // Both sides pick the first key of the client's list that the server holds.
            let clientIDs = role == .client ? hello.keyIDs : peer.keyIDs
            let serverIDs = role == .client ? peer.keyIDs : hello.keyIDs
            guard let id = clientIDs.first(where: { serverIDs.contains($0) }), let key = keys.key(for: id) else {
                state = .done
                throw .noCommonKey(ours: hello.keyIDs, theirs: peer.keyIDs)
            }
            self.key = key
            let transcript = SecureTranscript(
                key: key, clientHello: role == .client ? helloBytes : peerBytes,
                serverHello: role == .client ? peerBytes : helloBytes)
            switch role {
            case .client:
                state = .awaitingVerdict(transcript)
                return .send(transcript.proof(client: true))
            case .server:
                state = .awaitingProof(transcript)
                return try onBytes(&buffer)
            }
        case .awaitingProof(let transcript):
            guard let proof = buffer.readBytes(length: Self.proofSize) else { return nil }
            state = .done
            guard transcript.verify(proof, client: true) else { return .refuse(send: [Self.refused], .badProof) }
            return .established(
                SecureChannel(transcript: transcript, role: role), send: [Self.accepted] + transcript.proof(client: false))
        case .awaitingVerdict(let transcript):
            guard let verdict = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
            guard verdict == Self.accepted else {
                state = .done
                throw verdict == Self.refused ? SecureChannelError.proofRefused : SecureChannelError.badHello("unknown verdict \(verdict)")
            }
            guard buffer.readableBytes >= 1 + Self.proofSize else { return nil }
            buffer.moveReaderIndex(forwardBy: 1)
            let proof = buffer.readBytes(length: Self.proofSize)!
            state = .done
            guard transcript.verify(proof, client: false) else { throw .badProof }
            return .established(SecureChannel(transcript: transcript, role: role), send: [])
        case .done:
            return nil
        }
    }

    /// Whether the handshake has ended (established or failed).
    public var isDone: Bool {
        if case .done = state { return true }
        return false
    }
}

/// The two directions of an established keyed connection.
public struct SecureChannel: Sendable {
    /// Seals what this side sends.
    public var sealer: RecordSealer
    /// Opens what the peer sends.
    public var opener: RecordOpener

    init(transcript: SecureTranscript, role: SecureHandshake.Role) {
        let outgoing = transcript.directionKey(clientToServer: role == .client)
        let incoming = transcript.directionKey(clientToServer: role == .server)
        sealer = RecordSealer(key: outgoing)
        opener = RecordOpener(key: incoming)
    }
}
