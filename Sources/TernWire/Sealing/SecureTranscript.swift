import TernWire
import Crypto
import TernCore

/// What a keyed handshake derives from the chosen key and both hellos (docs/PROTOCOL.md, "Keyed
/// preface"): `T` = SHA-256(client hello ‖ server hello), then HKDF-SHA-256 with the key as input, `T`
/// as salt and a label as info gives a proof key per role and a sealing key per direction. Both
/// nonces, both key lists and the direction are bound into every one of them.
struct SecureTranscript {
    static let clientProofLabel = Array("tern tcp v2 client proof".utf8)
    static let serverProofLabel = Array("tern tcp v2 server proof".utf8)
    static let clientToServerLabel = Array("tern tcp v2 client to server".utf8)
    static let serverToClientLabel = Array("tern tcp v2 server to client".utf8)

    let key: SymmetricKey
    let hash: [UInt8]

    init(key: ClusterKey, clientHello: [UInt8], serverHello: [UInt8]) {
        self.key = key.symmetricKey
        hash = Array(SHA256.hash(data: clientHello + serverHello))
    }

    func derive(_ label: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, salt: hash, info: label, outputByteCount: 32)
    }

    /// The proof a side sends: HMAC-SHA-256 under its role's proof key over `T`.
    func proof(client: Bool) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: hash, using: derive(client ? Self.clientProofLabel : Self.serverProofLabel)))
    }

    /// Whether `proof` is the other side's, compared in constant time.
    func verify(_ proof: [UInt8], client: Bool) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(
            proof, authenticating: hash, using: derive(client ? Self.clientProofLabel : Self.serverProofLabel))
    }

    /// The sealing key of one direction.
    func directionKey(clientToServer: Bool) -> SymmetricKey {
        derive(clientToServer ? Self.clientToServerLabel : Self.serverToClientLabel)
    }
}
