import TernHTTP
import Testing

@Suite("Bearer token files and the token check")
struct BearerTokensTests {
    @Test func aFileGivesItsTokensInOrderSkippingBlankLinesAndComments() throws {
        let text = "# for the shop\n\n  abcdefghijklmnop  \r\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n\t# old\n-._~+/0123456789ABC==\n"
        #expect(
            try BearerTokenFile.parse(text) == [
                "abcdefghijklmnop", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "-._~+/0123456789ABC==",
            ])
    }

    @Test(arguments: [
        ("# nothing\n\n", BearerTokenFileError.noTokens),
        ("", .noTokens),
        ("abcdefghijklmnop\nshort-one\n", .tooShort(line: 2, characters: 9)),
        ("two words, not a token\n", .notAToken(line: 1)),
        ("abcdefghijklmnop\n\"abcdefghijklmnop\"\n", .notAToken(line: 2)),
        ("abcdefgh=ijklmnopq\n", .notAToken(line: 1)),
        ("================\n", .notAToken(line: 1)),
        ("abcdéfghijklmnopq\n", .notAToken(line: 1)),
    ])
    func aFileWithoutTokensOrWithABadLineIsRefused(text: String, error: BearerTokenFileError) {
        #expect(throws: error) { try BearerTokenFile.parse(text) }
    }

    @Test func errorsNameTheLineNeverItsText() {
        let error = #expect(throws: BearerTokenFileError.self) { try BearerTokenFile.parse("secret words here\n") }
        #expect(error?.description == "line 1: not a token (expected letters, digits and -._~+/ only, then any '=')")
    }

    @Test func theCheckAcceptsExactlyTheTokens() throws {
        let tokens = try #require(BearerTokens(["abcdefghijklmnop", "qrstuvwxyz012345"]))
        #expect(tokens.count == 2)
        #expect(tokens.accepts(Array("abcdefghijklmnop".utf8)))
        #expect(tokens.accepts(Array("qrstuvwxyz012345".utf8)))
        for other in ["", "abcdefghijklmno", "abcdefghijklmnopq", "Abcdefghijklmnop", "qrstuvwxyz012346"] {
            #expect(!tokens.accepts(Array(other.utf8)), "\(other)")
        }
        #expect(BearerTokens([]) == nil)
    }
}
