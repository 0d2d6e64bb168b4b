import Foundation
import Testing

/// import stops at the first bad line: exit 65, one stderr line with the line number and the field,
/// and no output (nor temporary file) left behind.
struct ImportErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let line: String
        /// Text the error must contain besides the line number (the field, or the kind of problem).
        let mentions: String
        var testDescription: String { name }
    }

    static let good = JSONLines.session("good", attributes: ["k": "v"])

    /// A valid session line with `change` applied to its fields (nil removes a field).
    static func session(_ change: [String: Any?]) -> String {
        var object = try! JSONLines.object(JSONLines.session("x"))
        for (key, value) in change { object[key] = value }
        return JSONLines.encode(object)
    }

    static let cases: [Case] = [
        Case(name: "context is a number", line: session(["context": 5]), mentions: #"field "context""#),
        Case(name: "maxInactive is a string", line: session(["maxInactive": "30m"]), mentions: #"field "maxInactive""#),
        Case(
            name: "version.physical is a string",
            line: session(["version": ["physical": "1", "logical": 0, "origin": JSONLines.origin]]),
            mentions: #"field "version.physical""#),
        Case(name: "id is missing", line: session(["id": nil]), mentions: #"field "id""#),
        Case(name: "attributes missing", line: session(["attributes": nil]), mentions: #"field "attributes""#),
        Case(
            name: "bad base64", line: session(["attributes": ["card": ["base64": "%%%"]]]),
            mentions: #"field "attributes.card.base64""#),
        Case(
            name: "attribute value is a number", line: session(["attributes": ["card": 42]]),
            mentions: #"field "attributes.card""#),
        Case(name: "bad time", line: session(["created": "yesterday"]), mentions: #"field "created""#),
        Case(name: "bad JSON", line: #"{"kind":"session","context":"#, mentions: "not valid JSON"),
        Case(name: "not an object", line: #"["session","shop","x"]"#, mentions: "expected a JSON object"),
        Case(name: "unknown kind", line: #"{"kind":"cookie","context":"shop","id":"x"}"#, mentions: #"field "kind""#),
        Case(name: "kind missing", line: #"{"context":"shop","id":"x"}"#, mentions: #"field "kind""#),
    ]

    /// The bad line is line 4: two good lines and a blank one come first (blank lines still count).
    @Test(arguments: cases)
    func badLineIsRejectedWithItsNumberAndField(_ bad: Case) throws {
        try withWorkspace { ws in
            try ws.write(lines: [Self.good, JSONLines.session("good2"), "", bad.line], to: "in.jsonl")
            let result = try ws.snap("import", "in.jsonl", "-o", "out.tsnap")
            #expect(result.status == 65, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("in.jsonl: line 4"), "\(result.stderr)")
            #expect(result.stderr.contains(bad.mentions), "\(result.stderr)")
            #expect(try ws.entries() == ["in.jsonl"], "no output and no temporary file")
        }
    }

    @Test func badLineOnStandardInputNamesStandardInput() throws {
        try withWorkspace { ws in
            let input = Array((Self.good + "\n{oops}\n").utf8)
            let result = try ws.snap("import", "-", "-o", "out.tsnap.gz", stdin: input)
            #expect(result.status == 65)
            #expect(result.stderr.contains("standard input: line 2"), "\(result.stderr)")
            #expect(try ws.entries().isEmpty)
        }
    }

    @Test func duplicateKeyKeepsTheNewestWithAWarning() throws {
        try withWorkspace { ws in
            for (name, order) in [("newest-first", [2000, 1000]), ("newest-last", [1000, 2000])] {
                let lines = order.map { JSONLines.session("dup", version: $0, attributes: ["v": "version \($0)"]) }
                try ws.write(lines: lines + [JSONLines.session("other")], to: "\(name).jsonl")
                let result = try ws.snap("import", "\(name).jsonl", "-o", "\(name).tsnap")
                #expect(result.status == 0, "\(result)")
                #expect(result.stderrLines.count == 1)
                #expect(
                    result.stderr.contains("warning") && result.stderr.contains("more than once"), "\(result.stderr)")
                let exported = try ws.snapOK("cat", "\(name).tsnap").stdoutLines
                #expect(exported.count == 3, "header, dup, other")
                #expect(exported.contains { $0.contains(#""v":"version 2000""#) })
                #expect(!exported.contains { $0.contains("version 1000") })
            }
        }
    }

    @Test func linesInAnyOrderAreSorted() throws {
        try withWorkspace { ws in
            let lines = ["c", "a", "b"].map { JSONLines.session($0) } + [JSONLines.session("z", context: "aaa")]
            try ws.importLines(lines, to: "out.tsnap")
            #expect(try ws.snap("verify", "out.tsnap").status == 0)
            let ids = try JSONLines.objects(ws.snapOK("ls", "--json", "out.tsnap").stdoutLines).compactMap {
                $0.string("id")
            }
            #expect(ids == ["z", "a", "b", "c"])
        }
    }
}
