import Testing
import TernCommandSupport

@testable import TernCommands

@Suite("JSON parser: valid documents")
struct JSONParserAcceptTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test func parsesNestedObjectsAndArrays() throws {
        let value = try parse(#"{"a":1,"b":[true,false,null],"c":{"d":"e","f":[[],{}]}}"#)
        let expected: JSONValue = .object([
            "a": .int(1), "b": .array([.bool(true), .bool(false), .null]),
            "c": .object(["d": .string("e"), "f": .array([.array([]), .object([:])])]),
        ])
        #expect(value == expected)
    }

    @Test func parsesEmptyContainers() throws {
        #expect(try parse("{}") == .object([:]))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("[[]]") == .array([.array([])]))
        #expect(try parse(#"{"a":{}}"#) == .object(["a": .object([:])]))
        #expect(try parse("{ }") == .object([:]))
        #expect(try parse("[ \n ]") == .array([]))
    }

    @Test func keepsFieldOrderAndDuplicateNames() throws {
        guard case .object(let object) = try parse(#"{"z":1,"a":2,"m":3,"a":4}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(object.fields.map(\.key) == ["z", "a", "m", "a"])
        #expect(object["a"] == .int(2))
    }

    @Test func allowsWhitespaceAroundEveryToken() throws {
        let value = try parse(" \t\r\n{ \"a\" :\t[ 1 ,\n2 ] ,\r\n\"b\" : null } \n")
        #expect(value == .object(["a": .array([.int(1), .int(2)]), "b": .null]))
        #expect(try parse("  7  ") == .int(7))
    }

    @Test func parsesTheShortEscapes() throws {
        #expect(try parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
    }

    @Test func parsesUnicodeEscapesInEitherCase() throws {
        #expect(try parse(#""\u0041\u00e9\u00E9\u4e2d\u0000""#) == .string("Aéé中\u{0}"))
        #expect(try parse(#""\u007f\u001F""#) == .string("\u{7F}\u{1F}"))
    }

    @Test func joinsSurrogatePairsIntoOneScalar() throws {
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""\uD83D\uDE00!""#) == .string("😀!"))
        #expect(try parse(#""\ud800\udc00\udbff\udfff""#) == .string("\u{10000}\u{10FFFF}"))
    }

    @Test func keepsRawNonASCIIText() throws {
        let value = try parse(#"{"naïve":"héllo 中文 😀"}"#)
        #expect(value == .object(["naïve": .string("héllo 中文 😀")]))
    }

    @Test func mixesEscapesAndRawTextInOneString() throws {
        #expect(try parse(#""é\n😀\u00e9x""#) == .string("é\n😀éx"))
    }

    @Test(arguments: [
        ("0", JSONValue.int(0)), ("-0", .int(0)), ("123", .int(123)), ("-123", .int(-123)),
        ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)), ("1.5", .double(1.5)),
        ("-0.25", .double(-0.25)), ("0.0", .double(0)), ("1e3", .double(1000)), ("1E+3", .double(1000)),
        ("1e-3", .double(0.001)), ("2.5E-2", .double(0.025)), ("10.0", .double(10)), ("-1e0", .double(-1)),
    ])
    func parsesIntegersAndDoubles(_ text: String, _ expected: JSONValue) throws {
        #expect(try parse(text) == expected)
    }

    @Test func keepsIntegersApartFromDoublesWithTheSameValue() throws {
        #expect(try parse("10") == .int(10))
        #expect(try parse("10.0") != .int(10))
        #expect(try parse("1e1") != .int(10))
    }

    @Test func parsesTopLevelScalars() throws {
        #expect(try parse("true") == .bool(true))
        #expect(try parse("false") == .bool(false))
        #expect(try parse("null") == .null)
        #expect(try parse(#""""#) == .string(""))
    }

    @Test func acceptsNestingOfExactlySixtyFour() throws {
        let arrays = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try parse(arrays) }
        let objects = String(repeating: #"{"a":"#, count: 63) + "{}" + String(repeating: "}", count: 63)
        #expect(throws: Never.self) { try parse(objects) }
    }

    @Test func nestingIsCountedPerPathNotPerDocument() throws {
        let inner = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
        #expect(throws: Never.self) { try parse("[" + [inner, inner, inner].joined(separator: ",") + "]") }
    }
}
