import Testing

@testable import TernCommands

@Suite("JSON parser: invalid documents")
struct JSONParserRejectTests {
    private func syntaxError(_ bytes: [UInt8]) -> JSONParser.SyntaxError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    private func syntaxError(_ text: String) -> JSONParser.SyntaxError? {
        syntaxError(Array(text.utf8))
    }

    @Test(arguments: [
        ("[1,2,]", 6, "unexpected character, expected a value"),
        (#"{"a":1,}"#, 8, "expected a field name"),
        ("[,1]", 2, "unexpected character, expected a value"),
        (#"{,"a":1}"#, 2, "expected a field name"),
        (#"{"a":1,,"b":2}"#, 8, "expected a field name"),
    ])
    func rejectsMisplacedCommas(_ text: String, _ column: Int, _ message: String) {
        #expect(syntaxError(text) == JSONParser.SyntaxError(column: column, message: message))
    }

    @Test(arguments: [
        (#"{"a" 1}"#, 6, "expected ':'"), (#"{"a":1 "b":2}"#, 8, "expected ',' or '}'"),
        ("[1 2]", 4, "expected ',' or ']'"), ("{a:1}", 2, "expected a field name"),
        ("{1:2}", 2, "expected a field name"),
        ("[1,2", 5, "unexpected end of line inside an array"),
        (#"{"a":1"#, 7, "unexpected end of line inside an object"),
        (#"{"a":"#, 6, "unexpected end of line, expected a value"),
        ("[", 2, "unexpected end of line, expected a value"),
        ("", 1, "unexpected end of line, expected a value"), ("   ", 4, "unexpected end of line, expected a value"),
    ])
    func rejectsBrokenStructureAtTheOffendingColumn(_ text: String, _ column: Int, _ message: String) {
        #expect(syntaxError(text) == JSONParser.SyntaxError(column: column, message: message))
    }

    @Test(arguments: [
        ("{} x", 4), ("1 2", 3), ("[]]", 3), ("{}{}", 3), ("truex", 5), ("0x10", 2), ("nullnull", 5), (#""a""b""#, 4),
    ])
    func rejectsTrailingGarbage(_ text: String, _ column: Int) {
        #expect(syntaxError(text) == JSONParser.SyntaxError(column: column, message: "unexpected data after the value"))
    }

    @Test(arguments: [("01", 3), ("-01", 4), ("[00]", 4), ("007", 4), (#"{"a":01}"#, 8)])
    func rejectsLeadingZeros(_ text: String, _ column: Int) {
        // The column is where the digits end.
        #expect(syntaxError(text) == JSONParser.SyntaxError(column: column, message: "leading zero in a number"))
    }

    @Test(arguments: [("-", 2), ("1.", 3), ("1.e5", 3), ("1e", 3), ("1e+", 4), ("-x", 2), ("-Infinity", 2), ("[-]", 3)])
    func rejectsIncompleteNumbers(_ text: String, _ column: Int) {
        #expect(syntaxError(text) == JSONParser.SyntaxError(column: column, message: "invalid number"))
    }

    @Test(arguments: [("1e999", 1), ("[-1e400]", 2), ("[1,2.5E+309]", 4)])
    func rejectsNumbersBeyondDouble(_ text: String, _ column: Int) {
        // They would read as ±infinity, which JSON cannot write back (found by the json fuzz target's round trip).
        #expect(syntaxError(text) == JSONParser.SyntaxError(column: column, message: "number out of range"))
    }

    @Test(arguments: [".5", "+1", "NaN", "Infinity", "'a'", "// comment", "True", "undefined", "\u{0C}1", "\u{A0}1"])
    func rejectsWhatIsNotAValueAtColumnOne(_ text: String) {
        #expect(
            syntaxError(text) == JSONParser.SyntaxError(column: 1, message: "unexpected character, expected a value"))
    }

    @Test(arguments: [("tru", "true"), ("nul", "null"), ("fals", "false"), ("trUe", "true"), ("nil", "null")])
    func rejectsMisspelledLiterals(_ text: String, _ word: String) {
        #expect(syntaxError(text) == JSONParser.SyntaxError(column: 1, message: "invalid literal, expected \(word)"))
    }

    @Test(arguments: [(#""abc"#, 5), (#"["abc"#, 6), (#""a\"#, 4), (#""\""#, 4), (#"{"a"#, 4), (#""é"#, 4)])
    func rejectsUnterminatedStrings(_ text: String, _ column: Int) {
        #expect(syntaxError(text) == JSONParser.SyntaxError(column: column, message: "unterminated string"))
    }

    @Test(arguments: [("\"a\tb\"", 3), ("\"a\nb\"", 3), ("\"\u{1F}\"", 2), ("\"\u{0}\"", 2), ("\"\\n\t\"", 4)])
    func rejectsRawControlCharactersInStrings(_ text: String, _ column: Int) {
        #expect(syntaxError(text) == JSONParser.SyntaxError(column: column, message: "control character in a string"))
    }

    @Test(arguments: [(#""\x""#, "x"), (#""\a""#, "a"), (#""\'""#, "'"), (#""\U0041""#, "U"), (#""\0""#, "0")])
    func rejectsUnknownEscapes(_ text: String, _ escape: String) {
        #expect(syntaxError(text) == JSONParser.SyntaxError(column: 4, message: "invalid escape \\\(escape)"))
    }

    @Test func rejectsMalformedUnicodeEscapes() {
        #expect(syntaxError(#""\u12""#) == JSONParser.SyntaxError(column: 4, message: "truncated \\u escape"))
        #expect(
            syntaxError(#""\u12G4""#) == JSONParser.SyntaxError(column: 4, message: "invalid hex digit in \\u escape"))
        #expect(
            syntaxError(#""ab\u-123""#) == JSONParser.SyntaxError(column: 6, message: "invalid hex digit in \\u escape")
        )
    }

    @Test func rejectsLoneSurrogates() {
        let unpaired = "unpaired surrogate in \\u escape"
        #expect(syntaxError(#""\ud800""#) == JSONParser.SyntaxError(column: 8, message: unpaired))
        #expect(syntaxError(#""\ud800x""#) == JSONParser.SyntaxError(column: 8, message: unpaired))
        #expect(syntaxError(#""\ud800\n""#) == JSONParser.SyntaxError(column: 8, message: unpaired))
        #expect(
            syntaxError(#""\ud800\u0041""#) == JSONParser.SyntaxError(column: 14, message: "invalid surrogate pair"))
        #expect(
            syntaxError(#""\ud800\ud800""#) == JSONParser.SyntaxError(column: 14, message: "invalid surrogate pair"))
        #expect(syntaxError(#""\udc00""#) == JSONParser.SyntaxError(column: 8, message: "invalid \\u escape"))
        #expect(syntaxError(#""\udfff\ud800""#) == JSONParser.SyntaxError(column: 8, message: "invalid \\u escape"))
    }

    @Test func rejectsInvalidUTF8AtTheStartOfTheString() {
        let invalid = "invalid UTF-8 in a string"
        #expect(syntaxError([0x22, 0xFF, 0x22]) == JSONParser.SyntaxError(column: 2, message: invalid))
        #expect(
            syntaxError([0x5B, 0x22, 0x61, 0x80, 0x22, 0x5D]) == JSONParser.SyntaxError(column: 3, message: invalid))
        #expect(syntaxError([0x22, 0x5C, 0x6E, 0xC3, 0x22]) == JSONParser.SyntaxError(column: 2, message: invalid))
        #expect(syntaxError([0x22, 0xED, 0xA0, 0x80, 0x22]) == JSONParser.SyntaxError(column: 2, message: invalid))
    }

    @Test func rejectsNestingDeeperThanSixtyFour() {
        let arrays = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(syntaxError(arrays) == JSONParser.SyntaxError(column: 65, message: "nesting deeper than 64"))
        let objects = String(repeating: #"{"a":"#, count: 64) + "{}" + String(repeating: "}", count: 64)
        #expect(syntaxError(objects) == JSONParser.SyntaxError(column: 321, message: "nesting deeper than 64"))
        let mixed = String(repeating: #"[{"a":"#, count: 33)
        #expect(syntaxError(mixed)?.message == "nesting deeper than 64")
    }

    @Test func survivesPathologicalNestingWithoutRecursingFurther() {
        let hostile = String(repeating: "[", count: 100_000)
        #expect(syntaxError(hostile) == JSONParser.SyntaxError(column: 65, message: "nesting deeper than 64"))
    }

    @Test func describesTheErrorWithItsColumn() {
        #expect(syntaxError(#"{"a" 1}"#)?.description == "column 6: expected ':'")
    }
}
