import TernCore
import TernTestKit
import Testing

@Suite("Version and MemberID ordering")
struct VersionTests {
    @Test func physicalTimeDecidesFirst() {
        let earlier = Version(physical: 1, logical: 99, origin: Samples.memberC)
        let later = Version(physical: 2, logical: 0, origin: Samples.memberA)
        #expect(earlier < later)
        #expect(!(later < earlier))
    }

    @Test func logicalCounterBreaksPhysicalTies() {
        let first = Version(physical: 5, logical: 1, origin: Samples.memberC)
        let second = Version(physical: 5, logical: 2, origin: Samples.memberA)
        #expect(first < second)
    }

    @Test func originBreaksFullTies() {
        let a = Version(physical: 5, logical: 1, origin: Samples.memberA)
        let b = Version(physical: 5, logical: 1, origin: Samples.memberB)
        let c = Version(physical: 5, logical: 1, origin: Samples.memberC)
        #expect(a < b && b < c && a < c)
    }

    @Test func versionsAreTotallyOrdered() {
        var versions: [Version] = []
        for physical: UInt64 in [0, 1, .max] {
            for logical: UInt32 in [0, 7, .max] {
                for origin in [MemberID.zero, Samples.memberA, Samples.memberC] {
                    versions.append(Version(physical: physical, logical: logical, origin: origin))
                }
            }
        }
        for x in versions {
            for y in versions {
                // Exactly one of <, ==, > holds.
                let relations = [x < y, x == y, y < x].filter { $0 }
                #expect(relations.count == 1, "\(x) vs \(y)")
            }
        }
    }

    @Test func zeroIsOlderThanEveryOtherVersion() {
        #expect(Version.zero < Version(physical: 0, logical: 0, origin: Samples.memberA))
        #expect(Version.zero < Version(physical: 0, logical: 1, origin: .zero))
        #expect(!(Version.zero < Version.zero))
    }

    @Test func memberIDsOrderAsUnsigned128BitIntegers() {
        #expect(MemberID(high: 0, low: .max) < MemberID(high: 1, low: 0))
        #expect(MemberID(high: 0x7FFF_FFFF_FFFF_FFFF, low: 0) < MemberID(high: 0x8000_0000_0000_0000, low: 0))
        #expect(MemberID.zero < Samples.memberA)
    }

    @Test func memberIDHexRoundTrips() {
        let id = MemberID(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)
        #expect(id.description == "0123456789abcdeffedcba9876543210")
        #expect(MemberID(hex: id.description) == id)
        #expect(MemberID(hex: "0123456789ABCDEFFEDCBA9876543210") == id)
        #expect(id.short == "01234567")
    }

    @Test(arguments: ["", "0", String(repeating: "0", count: 31), String(repeating: "0", count: 33),
                      String(repeating: "g", count: 32), "0123456789abcdef 123456789abcdef"])
    func memberIDRejectsMalformedHex(_ text: String) {
        #expect(MemberID(hex: text) == nil)
    }

    @Test func randomMemberIDsComeFromTheInjectedGenerator() {
        var first = TestRandom(seed: 42)
        var second = TestRandom(seed: 42)
        #expect(MemberID.random(using: &first) == MemberID.random(using: &second))
        #expect(MemberID.random(using: &first) != MemberID(high: 0, low: 0))
    }

    @Test func descriptionIsPhysicalDotLogicalAtShortOrigin() {
        let version = Version(physical: 1234, logical: 5, origin: MemberID(high: 0xABCD_EF01_0000_0000, low: 9))
        #expect(version.description == "1234.5@abcdef01")
    }
}
