import Crypto
import TernCore
import TernWire
import TernWireSealing

/// docs/PROTOCOL.md's "Keyed preface (version 2) and sealed records", written again from the text
/// with swift-crypto's primitives: what the sealing target holds TernWireSealing to.
enum SealingReference {
    /// What the front of a stream is, read as a hello.
    enum Hello: Equatable {
        /// A prefix of a hello: nothing is wrong yet.
        case needsMore
        /// Not a hello: a version-1 preface (`peerHasNoKey`) or anything else (`badHello`).
        case invalid(versionOne: Bool)
        /// A hello of `length` bytes listing `ids`.
        case hello(ids: [ClusterKeyID], length: Int)
    }

    /// Reads a hello: magic, version 2, 1 to 8 key ids, a 32-byte nonce.
    static func hello(_ stream: ArraySlice<UInt8>) -> Hello {
        let bytes = Array(stream)
        let magic = FrameFormat.magic
        guard bytes.prefix(magic.count).elementsEqual(magic.prefix(min(bytes.count, magic.count))) else {
            return .invalid(versionOne: false)
        }
        guard bytes.count >= magic.count + 2 else { return .needsMore }
        let version = UInt16(bytes[magic.count]) << 8 | UInt16(bytes[magic.count + 1])
        guard version == 2 else { return .invalid(versionOne: version == 1) }
        guard bytes.count > magic.count + 2 else { return .needsMore }
        let count = Int(bytes[magic.count + 2])
        guard (1...8).contains(count) else { return .invalid(versionOne: false) }
        let idsStart = magic.count + 3
        let length = idsStart + 8 * count + 32
        guard bytes.count >= length else { return .needsMore }
        let ids = (0..<count).map { index in
            ClusterKeyID(bytes[(idsStart + 8 * index)..<(idsStart + 8 * index + 8)].reduce(0) { $0 << 8 | UInt64($1) })
        }
        return .hello(ids: ids, length: length)
    }

    /// What both sides derive from the chosen key and the two hellos.
    struct Keys {
        let transcript: [UInt8]
        let clientProof: SymmetricKey
        let serverProof: SymmetricKey
        let clientToServer: SymmetricKey
        let serverToClient: SymmetricKey

        init(_ key: ClusterKey, clientHello: [UInt8], serverHello: [UInt8]) {
            let transcript = Array(SHA256.hash(data: clientHello + serverHello))
            func derive(_ info: String) -> SymmetricKey {
                HKDF<SHA256>.deriveKey(
                    inputKeyMaterial: SymmetricKey(data: key.bytes), salt: transcript, info: Array(info.utf8),
                    outputByteCount: 32)
            }
            self.transcript = transcript
            clientProof = derive("tern tcp v2 client proof")
            serverProof = derive("tern tcp v2 server proof")
            clientToServer = derive("tern tcp v2 client to server")
            serverToClient = derive("tern tcp v2 server to client")
        }

        /// HMAC-SHA-256 over the transcript under a proof key.
        func proof(client: Bool) -> [UInt8] {
            Array(HMAC<SHA256>.authenticationCode(for: transcript, using: client ? clientProof : serverProof))
        }
    }

    /// What an opener makes of a stream of records.
    struct Opened: Equatable {
        /// The plaintext of each record opened, in order.
        var plaintexts: [[UInt8]] = []
        /// Why it stopped, if it did.
        var error: SecureChannelError?
        /// Bytes left unread at the end (a record not complete yet).
        var leftover = 0
    }

    /// The largest plaintext of a record.
    static let maxPlaintext = 1 << 20

    /// The GCM nonce of record `counter`: 4 zero bytes, then the counter, u64.
    static func nonce(_ counter: UInt64) -> AES.GCM.Nonce {
        try! AES.GCM.Nonce(data: [0, 0, 0, 0] + (0..<8).map { UInt8(truncatingIfNeeded: counter >> (56 - 8 * $0)) })
    }

    /// Opens every record of `stream` under `key`, from record 0.
    static func open(_ stream: ArraySlice<UInt8>, key: SymmetricKey) -> Opened {
        var opened = Opened()
        var position = stream.startIndex
        while stream.endIndex - position >= 4 {
            let length = stream[position..<(position + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard (1...maxPlaintext).contains(length) else {
                opened.error = .badRecordLength(size: length, limit: maxPlaintext)
                return opened
            }
            guard stream.endIndex - position >= 4 + length + 16 else { break }
            let counter = UInt64(opened.plaintexts.count)
            let ciphertext = Array(stream[(position + 4)..<(position + 4 + length)])
            let tag = Array(stream[(position + 4 + length)..<(position + 4 + length + 16)])
            let lengthBytes = Array(stream[position..<(position + 4)])
            guard let box = try? AES.GCM.SealedBox(nonce: nonce(counter), ciphertext: ciphertext, tag: tag),
                let plaintext = try? AES.GCM.open(box, using: key, authenticating: lengthBytes)
            else {
                opened.error = .recordNotAuthentic(record: counter)
                return opened
            }
            opened.plaintexts.append(Array(plaintext))
            position += 4 + length + 16
        }
        opened.leftover = stream.endIndex - position
        return opened
    }
}
