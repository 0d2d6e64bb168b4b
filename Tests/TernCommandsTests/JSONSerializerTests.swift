import Testing
import TernCommandSupport

@testable import TernCommands

@Suite("JSON serializer")
struct JSONSerializerTests {
    @Test func writesLiteralsAndNumbers() {
        #expect(JSONValue.null.serialized == "null")
        #expect(JSONValue.bool(true).serialized == "true")
        #expect(JSONValue.bool(false).serialized == "false")
        #expect(JSONValue.int(-42).serialized == "-42")
        #expect(JSONValue.int(.min).serialized == "-9223372036854775808")
        #expect(JSONValue.double(1.5).serialized == "1.5")
        #expect(JSONValue.double(-0.25).serialized == "-0.25")
        #expect(JSONValue.double(1e300).serialized == "1e+300")
    }

    @Test func writesNonFiniteDoublesAsNull() {
        #expect(JSONValue.double(.infinity).serialized == "null")
        #expect(JSONValue.double(-.infinity).serialized == "null")
        #expect(JSONValue.double(.nan).serialized == "null")
    }

    @Test func escapesQuotesAndBackslashes() {
        #expect(JSONValue.string(#"say "hi" \ bye"#).serialized == #""say \"hi\" \\ bye""#)
    }

    @Test func escapesNewlineReturnAndTabShortly() {
        #expect(JSONValue.string("a\nb\rc\td").serialized == #""a\nb\rc\td""#)
    }

    @Test func escapesOtherControlCharactersAndDeleteAsUnicode() {
        #expect(JSONValue.string("\u{0}").serialized == #""\u0000""#)
        #expect(JSONValue.string("\u{8}\u{C}").serialized == #""\u0008\u000c""#)
        #expect(JSONValue.string("\u{1B}[0m").serialized == #""\u001b[0m""#)
        #expect(JSONValue.string("\u{1F}").serialized == #""\u001f""#)
        #expect(JSONValue.string("x\u{7F}y").serialized == #""x\u007fy""#)
    }

    @Test func leavesSlashAndSpaceAlone() {
        #expect(JSONValue.string("a/b c~").serialized == #""a/b c~""#)
    }

    @Test func writesNonASCIIAsRawUTF8() {
        let text = "héllo 中文 😀 \u{80}\u{2028}"
        let serialized = JSONValue.string(text).serialized
        #expect(Array(serialized.utf8) == [0x22] + Array(text.utf8) + [0x22])
    }

    @Test func escapesFieldNamesLikeValues() {
        let object: JSONValue = .object(["a\"b": .int(1), "tab\t": .int(2)])
        #expect(object.serialized == #"{"a\"b":1,"tab\t":2}"#)
    }

    @Test func keepsFieldOrder() {
        let object: JSONValue = .object(["z": .int(1), "a": .int(2), "m": .object(["y": .null, "b": .null])])
        #expect(object.serialized == #"{"z":1,"a":2,"m":{"y":null,"b":null}}"#)
    }

    @Test func writesEmptyAndNestedContainersCompactly() {
        let value: JSONValue = .array([.object([:]), .array([]), .array([.int(1), .array([.string("x")])])])
        #expect(value.serialized == #"[{},[],[1,["x"]]]"#)
    }

    @Test func writeAppendsToWhatIsAlreadyThere() {
        var output = Array("prefix ".utf8)
        JSONValue.array([.int(1), .bool(true)]).write(to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "prefix [1,true]")
    }

    @Test func escapesEveryByteOfALongStringWithManyRuns() {
        var text = ""
        var expected = "\""
        for index in 0..<300 {
            text += "run\(index)\"\u{7F}é"
            expected += "run\(index)\\\"\\u007fé"
        }
        #expect(JSONValue.string(text).serialized == expected + "\"")
    }

    @Test func namesTypesAsErrorMessagesDo() {
        #expect(JSONValue.null.typeName == "null")
        #expect(JSONValue.bool(true).typeName == "a boolean")
        #expect(JSONValue.int(1).typeName == "a number")
        #expect(JSONValue.double(1).typeName == "a number")
        #expect(JSONValue.string("").typeName == "a string")
        #expect(JSONValue.array([]).typeName == "an array")
        #expect(JSONValue.object([:]).typeName == "an object")
    }

    @Test func objectEqualityIncludesFieldOrder() {
        let ab: JSONObject = ["a": .int(1), "b": .int(2)]
        let ba: JSONObject = ["b": .int(2), "a": .int(1)]
        #expect(ab != ba)
        #expect(ab == JSONObject([(key: "a", value: .int(1)), (key: "b", value: .int(2))]))
    }

    @Test func objectSubscriptFindsTheFirstFieldOfAName() {
        var object = JSONObject()
        object.append("k", .int(1))
        object.append("k", .int(2))
        #expect(object["k"] == .int(1))
        #expect(object["missing"] == nil)
        #expect(object.fields.count == 2)
    }
}
