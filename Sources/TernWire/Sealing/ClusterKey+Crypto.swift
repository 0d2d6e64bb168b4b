import TernWire
import Crypto
import TernCore

extension ClusterKey {
    /// The key for swift-crypto's MACs, HKDF and ciphers (the replication connections'). It lived in
    /// TernWire until TernWire stopped depending on swift-crypto, so that tern-ping links no BoringSSL.
    public var symmetricKey: SymmetricKey { SymmetricKey(data: bytes) }
}
