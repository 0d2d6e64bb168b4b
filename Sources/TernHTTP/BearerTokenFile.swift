/// The text of an HTTP token file (`--http-token-file`): one bearer token per line; blank lines and
/// lines starting with `#` are ignored; spaces and tabs around a token are allowed (docs/HTTP.md,
/// "Authentication"). A token is RFC 6750's `b64token` (letters, digits, `-._~+/`, then `=`s) of at
/// least `minimumLength` characters, so a line of `tern-node keygen` is one.
public enum BearerTokenFile {
    /// The shortest token accepted: a guessable password is refused at start, not found out later.
    public static let minimumLength = 16

    /// The tokens of `text`, in file order. Errors name the line, never its text.
    public static func parse(_ text: String) throws(BearerTokenFileError) -> [String] {
        var tokens: [String] = []
        var number = 0
        // "\r\n" is one Character in Swift: a line end of its own, not a "\n" after a "\r".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            let content = line.drop { $0 == " " || $0 == "\t" }
            let trimmed = String(content.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            guard isToken(trimmed) else { throw .notAToken(line: number) }
            guard trimmed.utf8.count >= minimumLength else {
                throw .tooShort(line: number, characters: trimmed.utf8.count)
            }
            tokens.append(trimmed)
        }
        guard !tokens.isEmpty else { throw .noTokens }
        return tokens
    }

    /// Whether `text` is a `b64token`: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
    static func isToken(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let body = bytes.reversed().drop { $0 == UInt8(ascii: "=") }
        guard !body.isEmpty else { return false }
        return body.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"),
                UInt8(ascii: "/"):
                true
            default:
                false
            }
        }
    }
}

/// Why a token file's text holds no usable token. The text never repeats the line's content: it is a secret.
public enum BearerTokenFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line has a character a bearer token cannot have (a space inside, a quote, a non-ASCII letter).
    case notAToken(line: Int)
    /// The line is a token of `characters` characters, fewer than `BearerTokenFile.minimumLength`.
    case tooShort(line: Int, characters: Int)
    /// No line holds a token.
    case noTokens

    /// Lowercase text naming the line.
    public var description: String {
        switch self {
        case .notAToken(let line):
            "line \(line): not a token (expected letters, digits and -._~+/ only, then any '=')"
        case .tooShort(let line, let characters):
            "line \(line): a token of \(characters) characters (expected at least \(BearerTokenFile.minimumLength); "
                + "make one with tern-node keygen)"
        case .noTokens:
            "no token in the file (expected one token per line; make one with tern-node keygen)"
        }
    }
}
