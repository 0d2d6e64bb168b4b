import Testing

@testable import TernCore

@Suite("Cluster key file")
struct ClusterKeyFileTests {
    /// A stand-in for the one-way id (the core has no hash): the key's first 8 bytes.
    static let derive: ClusterKeyID.Derivation = { bytes in
        ClusterKeyID(bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) })
    }

    static func key(_ fill: UInt8) -> [UInt8] { [UInt8](repeating: fill, count: 32) }
    static func line(_ fill: UInt8) -> String { Base64.encode(key(fill)) }

    @Test func parsesOneKeyPerLineInOrderWithTheFirstSigning() throws {
        let ring = try ClusterKeyFile.parse(Self.line(1) + "\n" + Self.line(2) + "\n", derive: Self.derive)
        #expect(ring.keys.map(\.bytes) == [Self.key(1), Self.key(2)])
        #expect(ring.signing.bytes == Self.key(1))
        #expect(ring.key(for: Self.derive(Self.key(2)))?.bytes == Self.key(2))
        #expect(ring.key(for: ClusterKeyID(7)) == nil)
    }

    @Test func ignoresCommentsBlankLinesSurroundingSpaceAndCarriageReturns() throws {
        let text = "# cluster key, rotated 2026-11\n\n   \t\n  \(Self.line(3))\t\r\n#\(Self.line(4))\n"
        let ring = try ClusterKeyFile.parse(text, derive: Self.derive)
        #expect(ring.keys.map(\.bytes) == [Self.key(3)])
    }

    @Test func aLineThatIsNotBase64IsAnErrorNamingItsLineButNotItsText() {
        let text = "# keys\n\(Self.line(1))\nnot-a-key!\n"
        #expect(throws: ClusterKeyFileError.notBase64(line: 3)) { try ClusterKeyFile.parse(text, derive: Self.derive) }
        #expect(!ClusterKeyFileError.notBase64(line: 3).description.contains("not-a-key"))
        #expect(ClusterKeyFileError.notBase64(line: 3).description.hasPrefix("line 3: "))
    }

    @Test(arguments: [0, 16, 31, 33, 64])
    func aKeyOfAnotherLengthIsAnErrorNamingItsLine(count: Int) {
        let text = "\n" + Base64.encode([UInt8](repeating: 9, count: count))
        let expected: ClusterKeyFileError = count == 0 ? .noKeys : .wrongLength(line: 2, bytes: count)
        #expect(throws: expected) { try ClusterKeyFile.parse(text, derive: Self.derive) }
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n"])
    func aFileWithoutKeysIsAnError(text: String) {
        #expect(throws: ClusterKeyFileError.noKeys) { try ClusterKeyFile.parse(text, derive: Self.derive) }
    }

    @Test func aKeyListedTwiceIsKeptOnce() throws {
        let ring = try ClusterKeyFile.parse([1, 2, 1].map(Self.line).joined(separator: "\n"), derive: Self.derive)
        #expect(ring.keys.map(\.bytes) == [Self.key(1), Self.key(2)])
    }

    @Test func theLineOfAKeyParsesBackToTheKey() throws {
        let key = try ClusterKey(bytes: (0..<32).map { UInt8($0 * 7) }, derive: Self.derive)
        let ring = try ClusterKeyFile.parse(ClusterKeyFile.line(for: key), derive: Self.derive)
        #expect(ring.keys == [key])
    }

    @Test func aKeyIsExactly32Bytes() {
        #expect(throws: ClusterKeyError.wrongLength(31)) {
            try ClusterKey(bytes: Self.key(1).dropLast(), derive: Self.derive)
        }
    }

    @Test func noDescriptionOfAKeyOrRingShowsItsBytes() throws {
        let bytes: [UInt8] = (0..<32).map { UInt8(0xA0 + $0) }
        let key = try ClusterKey(bytes: bytes, derive: { _ in ClusterKeyID(0x0123_4567_89ab_cdef) })
        let ring = ClusterKeyRing([key])!
        var dumped = ""
        dump(key, to: &dumped)
        dump(ring, to: &dumped)
        let texts = ["\(key)", String(reflecting: key), "\(ring)", String(reflecting: ring), dumped, "\([key])"]
        for text in texts {
            #expect(!text.contains(Hex.encode(bytes.suffix(24))), "\(text)")
            #expect(!text.contains(Base64.encode(bytes).prefix(12)), "\(text)")
            #expect(!text.contains("160"), "a byte in decimal: \(text)")
            #expect(text.contains("0123456789abcdef"), "\(text)")
        }
        #expect("\(key)" == "key 0123456789abcdef")
    }
}
