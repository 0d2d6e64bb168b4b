import Foundation
import TernFuzzChecks
import Testing

/// The fuzz targets' checks on the committed corpus (Tests/Fuzz/Corpus/<target>): the seeds and every
/// crash reproducer a fix was made for, so a fixed bug stays fixed in `make test` (docs/FUZZING.md).
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus").path

    @Test("every committed corpus file holds the target's checks", arguments: FuzzTarget.allCases)
    func corpusHolds(_ target: FuzzTarget) throws {
        let files = try FuzzReplay.files(in: Self.corpus + "/" + target.rawValue)
        #expect(files.count >= 10, "the \(target.rawValue) corpus has \(files.count) files")
        for path in files {
            do {
                try target.check(try FuzzReplay.read(path))
            } catch let violation as FuzzViolation {
                Issue.record("\(path): \(violation)")
            }
        }
    }

    @Test("every seed the encoders make is accepted whole and holds the checks", arguments: FuzzTarget.allCases)
    func encoderSeedsAreAccepted(_ target: FuzzTarget) throws {
        let seeds = try target.seeds()
        #expect(!seeds.isEmpty)
        for seed in seeds {
            let accepted = try target.check(seed.bytes)
            #expect(accepted, "\(target.rawValue) seed \(seed.name) is rejected")
        }
    }

    @Test("a seed with its last checksum byte flipped is rejected, so acceptance is not a given")
    func damagedSeedIsRejected() throws {
        let seed = try #require(try FuzzTarget.frames.seeds().first { $0.name == "stream-all-types" })
        var damaged = seed.bytes
        damaged[damaged.count - 1] ^= 0xFF
        #expect(try FuzzTarget.frames.check(damaged) == false)
    }

    @Test("a sealing seed with one byte of the client's proof flipped is refused, and the checks still hold")
    func damagedProofIsRefused() throws {
        let seed = try #require(try FuzzTarget.sealing.seeds().first { $0.name == "server-hears-client-a" })
        #expect(try FuzzTarget.sealing.check(seed.bytes))
        // The plan byte and 3 chunk sizes, then a hello with one key id (11 + 8 + 32 bytes): the proof.
        var damaged = seed.bytes
        damaged[4 + 51] ^= 0x01
        #expect(try FuzzTarget.sealing.check(damaged) == false)
    }
}
