import TernCore

/// Deterministic synthetic snapshots for tests, demos and benchmarks: the same parameters give the
/// same bytes on every machine. Attribute values mix compressible text with random bytes.
public struct SnapshotGenerator: Sendable {
    /// What to generate.
    public struct Parameters: Sendable, Hashable {
        /// Records to generate (sessions and tombstones together).
        public var sessions: Int
        /// Number of contexts the sessions are spread over.
        public var contexts: Int
        /// Sizes of attribute values, in bytes.
        public var attributeBytes: ClosedRange<Int>
        /// Attributes per session.
        public var attributesPerSession: ClosedRange<Int>
        /// Percentage (0–100) of attribute values that are random bytes rather than text.
        public var binaryPercent: Int
        /// Percentage (0–100) of records that are tombstones.
        public var tombstonePercent: Int
        /// The seed.
        public var seed: UInt64
        /// The cut's time; sessions were created in the week before it.
        public var now: UnixMillis
        /// The cluster name in the header.
        public var cluster: String

        /// Parameters with the defaults of `tern-snap generate`.
        public init(
            sessions: Int, contexts: Int = 3, attributeBytes: ClosedRange<Int> = 200...4096,
            attributesPerSession: ClosedRange<Int> = 1...8, binaryPercent: Int = 20, tombstonePercent: Int = 1,
            seed: UInt64 = 1, now: UnixMillis = SnapshotGenerator.defaultNow, cluster: String = "default"
        ) {
            self.sessions = sessions
            self.contexts = contexts
            self.attributeBytes = attributeBytes
            self.attributesPerSession = attributesPerSession
            self.binaryPercent = binaryPercent
            self.tombstonePercent = tombstonePercent
            self.seed = seed
            self.now = now
            self.cluster = cluster
        }
    }

    /// 2026-01-01T00:00:00Z: the default cut time, fixed so output never depends on the clock.
    public static let defaultNow: UnixMillis = 1_767_225_600_000

    /// The names attributes are drawn from.
    static let attributeNames = [
        "cart", "csrf", "flash", "history", "locale", "permissions", "preferences", "principal",
        "recently-viewed", "roles", "search", "theme", "timezone", "token", "user", "wizard",
    ]

    static let words = [
        "alpha", "order", "item", "price", "quantity", "user", "name", "street", "city", "true", "false",
        "session", "basket", "product", "sku", "currency", "EUR", "total", "discount", "shipping",
        "express", "locale", "en-GB", "de-DE", "theme", "dark", "light", "token", "expires", "visited",
        "/catalog/", "/checkout", "{", "}", ":", ",", "\"", "42", "17", "3.50", "2026-01-01",
    ].map { Array($0.utf8) }

    /// The parameters.
    public let parameters: Parameters
    private let origins: [MemberID]

    /// Prepares a generator.
    public init(_ parameters: Parameters) {
        self.parameters = parameters
        var random = SplitMix64(seed: parameters.seed)
        origins = (0..<3).map { _ in MemberID.random(using: &random) }
    }

    /// The context names, in byte order: `app00`, `app01`, … padded to the widest index.
    public var contextNames: [String] {
        let count = max(1, parameters.contexts)
        let width = max(2, String(count - 1).count)
        return (0..<count).map { index in
            let digits = String(index)
            return "app" + String(repeating: "0", count: width - digits.count) + digits
        }
    }

    /// The header of the generated snapshot, version vector included (computed without values).
    public func header(writer: String) -> SnapshotHeader {
        var vector = VersionVector()
        forEachSkeleton { skeleton in vector.include(skeleton.version) }
        return SnapshotHeader(
            writer: writer, created: parameters.now, cluster: parameters.cluster, versionVector: vector)
    }

    /// Produces every record, in snapshot order.
    public func forEachRecord(_ body: (StoreRecord) throws -> Void) rethrows {
        try forEachSkeleton { skeleton in
            if skeleton.isTombstone {
                try body(
                    .tombstone(
                        Tombstone(key: skeleton.key, version: skeleton.version, retainUntil: parameters.now + 3_600_000)))
                return
            }
            var random = skeleton.valueRandom
            let p = parameters
            let count = Int.random(in: p.attributesPerSession, using: &random)
            var names = Self.attributeNames
            names.shuffle(using: &random)
            var attributes: [Attribute] = []
            for name in names.prefix(min(count, names.count)).sorted(by: { $0.utf8Precedes($1) }) {
                let size = Int.random(in: p.attributeBytes, using: &random)
                let binary = Int.random(in: 0..<100, using: &random) < p.binaryPercent
                attributes.append(Attribute(name: name, value: Self.value(size: size, binary: binary, using: &random)))
            }
            try body(
                .session(
                    Session(
                        key: skeleton.key, created: skeleton.created, lastAccessed: skeleton.lastAccessed,
                        maxInactiveSeconds: skeleton.maxInactive, version: skeleton.version,
                        attributes: Attributes(canonical: attributes))))
        }
    }

    /// Everything about a record but its values: cheap to produce twice.
    private struct Skeleton {
        var key: SessionKey
        var created: UnixMillis
        var lastAccessed: UnixMillis
        var maxInactive: Int32
        var version: Version
        var isTombstone: Bool
        var valueRandom: SplitMix64
    }

    private func forEachSkeleton(_ body: (Skeleton) throws -> Void) rethrows {
        let p = parameters
        let contexts = contextNames
        let week: Int64 = 7 * 24 * 3_600_000
        for (contextIndex, context) in contexts.enumerated() {
            // Spread the sessions over the contexts; the first ones take the remainder.
            let count = p.sessions / contexts.count + (contextIndex < p.sessions % contexts.count ? 1 : 0)
            guard count > 0 else { continue }
            // Increasing random 64-bit prefixes keep ids sorted without holding them in memory.
            let gap = UInt64.max / UInt64(count)
            var prefix: UInt64 = 0
            for index in 0..<count {
                var random = SplitMix64.derived(seed: p.seed, stream: UInt64(contextIndex), index: UInt64(index))
                prefix += 1 + random.next() % max(1, gap - 1)
                let id = Hex.padded(prefix) + Hex.padded(random.next())
                let created = p.now - Int64(random.next() % UInt64(week))
                let lastAccessed = created + Int64(random.next() % UInt64(max(1, p.now - created)))
                let maxInactive: Int32 = random.next() % 10 == 0 ? -1 : 1800
                let origin = origins[Int(random.next() % UInt64(origins.count))]
                let version = Version(physical: UInt64(lastAccessed), logical: UInt32(random.next() % 4), origin: origin)
                let isTombstone = Int(random.next() % 100) < p.tombstonePercent
                try body(
                    Skeleton(
                        key: SessionKey(context: context, id: id), created: created, lastAccessed: lastAccessed,
                        maxInactive: maxInactive, version: version, isTombstone: isTombstone,
                        valueRandom: SplitMix64(seed: random.next())))
            }
        }
    }

    private static func value(size: Int, binary: Bool, using random: inout SplitMix64) -> [UInt8] {
        if binary {
            var bytes = [UInt8](repeating: 0, count: size)
            bytes.withUnsafeMutableBytes { raw in
                var offset = 0
                while offset < size {
                    var word = random.next()
                    let count = min(8, size - offset)
                    withUnsafeBytes(of: &word) { raw.baseAddress!.advanced(by: offset).copyMemory(from: $0.baseAddress!, byteCount: count) }
                    offset += count
                }
            }
            return bytes
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 16)
        while bytes.count < size {
            let bits = random.next()
            bytes.append(contentsOf: words[Int(bits % UInt64(words.count))])
            bytes.append(bits & 0x100 == 0 ? 0x20 : 0x2C)
            bytes.append(contentsOf: words[Int((bits >> 16) % UInt64(words.count))])
            bytes.append(0x20)
        }
        bytes.removeLast(bytes.count - size)
        return bytes
    }
}
