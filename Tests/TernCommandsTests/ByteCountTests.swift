import Testing
import TernCommandSupport

@testable import TernCommands

@Suite("Byte counts")
struct ByteCountTests {
    @Test(arguments: [
        (Int64(0), "0 B"), (812, "812 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (1536, "1.5 KiB"),
        (4300, "4.2 KiB"), (1_048_576, "1.0 MiB"), (268_435_456, "256.0 MiB"), (1_610_612_736, "1.5 GiB"),
        (1 << 40, "1.0 TiB"), (1 << 50, "1024.0 TiB"), (.max, "8388608.0 TiB"),
    ])
    func formatsWithBinaryUnitsAndOneDecimal(_ bytes: Int64, _ text: String) {
        #expect(ByteCount.format(bytes) == text)
    }

    @Test func roundsToTheNearestTenth() {
        #expect(ByteCount.format(1126) == "1.1 KiB")  // 1.0996
        #expect(ByteCount.format(1075) == "1.0 KiB")  // 1.0498
        #expect(ByteCount.format(1076) == "1.1 KiB")  // 1.0508
    }

    @Test func formatsNegativeCountsWithAMinusSign() {
        #expect(ByteCount.format(-5) == "-5 B")
        #expect(ByteCount.format(-2048) == "-2.0 KiB")
        #expect(ByteCount.format(-1536) == "-1.5 KiB")
    }

    @Test(arguments: [
        ("0", 0), ("4096", 4096), ("200B", 200), ("4K", 4096), ("4KiB", 4096), ("0K", 0), ("256M", 268_435_456),
        ("2MiB", 2_097_152), ("1G", 1_073_741_824), ("3GiB", 3_221_225_472),
        ("8589934591G", 9_223_372_035_781_033_984),
    ])
    func parsesPlainNumbersAndBinarySuffixes(_ text: String, _ bytes: Int) {
        #expect(ByteCount.parse(text) == bytes)
    }

    @Test(arguments: [
        "", "K", "KiB", "-1", "-4K", "4k", "4m", "4 K", " 4K", "4KB", "4kib", "4T", "4TiB", "1.5M", "abc",
        "4KiBB", "4BK", "9223372036854775807K", "8589934592G", "9223372036854775808",
    ])
    func rejectsMalformedOrOverflowingSizes(_ text: String) {
        #expect(ByteCount.parse(text) == nil)
    }
}
