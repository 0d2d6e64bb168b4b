import Foundation
import Testing

/// Attribute values are private: ls, inspect, verify and diff never print them without --reveal;
/// cat (the export) and diff --reveal do.
struct PrivacyTests {
    static let secret = "TOPSECRET-card-4111"
    static let changedSecret = "TOPSECRET-card-5500"

    static func prepare(_ ws: Workspace) throws {
        try ws.writeImported(
            [
                JSONLines.session("s1", attributes: ["card": secret, "name": "TOPSECRET-alice"]),
                JSONLines.session("s2", attributes: ["card": "TOPSECRET-removed-later"]),
            ], to: "before.tsnap")
        try ws.writeImported(
            [
                JSONLines.session("s1", version: 2000, attributes: ["card": changedSecret, "name": "TOPSECRET-alice"]),
                JSONLines.session("s3", attributes: ["card": "TOPSECRET-added"]),
            ], to: "after.tsnap")
    }

    @Test(arguments: [
        ["ls", "before.tsnap"], ["ls", "--json", "before.tsnap"], ["inspect", "before.tsnap"],
        ["inspect", "--json", "before.tsnap"], ["verify", "before.tsnap"], ["verify", "--json", "before.tsnap"],
        ["diff", "before.tsnap", "after.tsnap"], ["diff", "--json", "before.tsnap", "after.tsnap"],
        ["diff", "--ignore-access-time", "before.tsnap", "after.tsnap"],
    ])
    func summariesNeverPrintValues(arguments: [String]) throws {
        try withWorkspace { ws in
            try Self.prepare(ws)
            let result = try ws.snap(arguments)
            #expect(result.status <= 1, "\(result)")
            #expect(!result.stdout.isEmpty)
            #expect(!result.stdoutText.contains("TOPSECRET"), "\(arguments) printed a value")
            #expect(!result.stderr.contains("TOPSECRET"), "\(arguments) printed a value")
        }
    }

    @Test func diffShowsNamesSizesAndFingerprints() throws {
        try withWorkspace { ws in
            try Self.prepare(ws)
            let lines = try ws.snap("diff", "before.tsnap", "after.tsnap").stdoutLines
            let changed = try #require(lines.first { $0.hasPrefix("~ shop/s1") })
            #expect(changed.contains("card 19 B → 19 B"))
            #expect(!changed.contains("name"), "an unchanged attribute is not listed")
        }
    }

    @Test func catExportsValues() throws {
        try withWorkspace { ws in
            try Self.prepare(ws)
            let text = try ws.snapOK("cat", "before.tsnap").stdoutText
            #expect(text.contains(Self.secret))
            #expect(text.contains("TOPSECRET-alice"))
        }
    }

    @Test func diffRevealShowsChangedAndAddedValues() throws {
        try withWorkspace { ws in
            try Self.prepare(ws)
            let text = try ws.snap("diff", "--reveal", "before.tsnap", "after.tsnap")
            #expect(text.status == 1)
            #expect(text.stdoutText.contains("\"\(Self.secret)\" → \"\(Self.changedSecret)\""))

            let json = try ws.snap("diff", "--json", "--reveal", "before.tsnap", "after.tsnap")
            let changed = try #require(try JSONLines.objects(json.stdoutLines).first { $0.string("kind") == "changed" })
            let attributes = try #require(changed["attributes"] as? [[String: Any]])
            #expect(attributes.first?.string("before") == Self.secret)
            #expect(attributes.first?.string("after") == Self.changedSecret)
            #expect(json.stdoutText.contains("TOPSECRET-added"))
        }
    }
}
