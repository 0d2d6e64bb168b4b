import TernTestKit
import Testing

@testable import TernCommands

@Suite("Size histogram")
struct SizeHistogramTests {
    static let quantiles: [Double] = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1]

    /// The nearest-rank quantile of `sorted`, the definition the histogram approximates.
    static func exact(_ q: Double, _ sorted: [Int]) -> Int {
        sorted[max(1, Int((q * Double(sorted.count)).rounded(.up))) - 1]
    }

    static func histogram(_ values: [Int]) -> SizeHistogram {
        var histogram = SizeHistogram()
        for value in values { histogram.add(value) }
        return histogram
    }

    /// Named value generators, each drawing one value.
    static let distributions: [(String, @Sendable (inout TestRandom) -> Int)] = [
        ("uniform small", { Int.random(in: 0..<1000, using: &$0) }),
        ("uniform large", { Int.random(in: 0..<10_000_000, using: &$0) }),
        (
            "log-uniform",
            { random in
                let bits = Int.random(in: 0...40, using: &random)
                return Int.random(in: 0..<(1 << bits), using: &random)
            }
        ),
        ("pareto", { Int(Double(1 << 12) / Double.random(in: 0.0001...1, using: &$0)) }),
        (
            "near normal",
            { random in
                var sum = 0
                for _ in 0..<12 { sum += Int.random(in: 0..<100_000, using: &random) }
                return sum
            }
        ),
        (
            "bimodal",
            { random in
                let low = Bool.random(using: &random)
                return low
                    ? Int.random(in: 100...140, using: &random) : Int.random(in: (1 << 30)...(1 << 31), using: &random)
            }
        ),
        ("constant", { _ in 4242 }),
        ("huge", { Int.random(in: (Int.max / 2)...Int.max, using: &$0) }),
    ]

    @Test func emptyHistogramHasNoQuantiles() {
        let histogram = SizeHistogram()
        #expect(histogram.count == 0)
        for q in Self.quantiles { #expect(histogram.quantile(q) == nil) }
    }

    @Test func valuesBelowOneHundredTwentyEightAreExact() {
        var random = TestRandom(seed: 128)
        for size in [1, 2, 3, 10, 127, 128, 1000, 10_000] {
            let values = (0..<size).map { _ in Int.random(in: 0..<128, using: &random) }
            let histogram = Self.histogram(values)
            let sorted = values.sorted()
            for q in Self.quantiles { #expect(histogram.quantile(q) == Self.exact(q, sorted), "n=\(size) q=\(q)") }
        }
    }

    @Test func everySmallValueGetsItsOwnBucket() {
        let histogram = Self.histogram(Array(0..<128))
        for value in 0..<128 { #expect(histogram.quantile(Double(value + 1) / 128) == value) }
    }

    @Test func minimumAndMaximumAreExact() {
        var random = TestRandom(seed: 3)
        for (name, draw) in Self.distributions {
            let values = (0..<2_000).map { _ in draw(&random) }
            let histogram = Self.histogram(values)
            #expect(histogram.count == 2_000)
            #expect(histogram.minimum == values.min(), "\(name)")
            #expect(histogram.maximum == values.max(), "\(name)")
        }
    }

    @Test func quantilesAreWithinOnePointSixPercentOfTheExactValue() {
        var random = TestRandom(seed: 0x4157)
        for (name, draw) in Self.distributions {
            for size in [1, 7, 100, 5_000] {
                let values = (0..<size).map { _ in draw(&random) }
                let histogram = Self.histogram(values)
                let sorted = values.sorted()
                for q in Self.quantiles {
                    let exact = Self.exact(q, sorted)
                    guard let estimate = histogram.quantile(q) else {
                        Issue.record("\(name): no quantile")
                        continue
                    }
                    let error = Double(estimate).distance(to: Double(exact)).magnitude
                    #expect(error <= 0.016 * Double(exact), "\(name) n=\(size) q=\(q): \(estimate) vs \(exact)")
                }
            }
        }
    }

    @Test func quantilesStayWithinTheObservedRange() {
        let histogram = Self.histogram([1000, 1001, 1002])
        for q in Self.quantiles {
            let value = histogram.quantile(q) ?? -1
            #expect((1000...1002).contains(value))
        }
        #expect(Self.histogram([5000]).quantile(0.5) == 5000)
    }

    @Test func quantilesDoNotDecreaseWithQ() {
        var random = TestRandom(seed: 11)
        let histogram = Self.histogram((0..<3_000).map { _ in Int.random(in: 0..<(1 << 30), using: &random) })
        let values = stride(from: 0.0, through: 1.0, by: 0.01).compactMap { histogram.quantile($0) }
        #expect(values == values.sorted())
    }

    @Test func bucketMiddlesAreWithinHalfABucketOfEveryValue() {
        var random = TestRandom(seed: 5)
        var values = Array(0..<70_000)
        values += (0..<50_000).map { _ in Int.random(in: 0 ... .max, using: &random) }
        values += [Int.max, Int.max - 1, 1 << 62, (1 << 62) - 1]
        var worst = 0.0
        for value in values {
            let middle = SizeHistogram.middle(of: SizeHistogram.bucket(of: value))
            worst = max(worst, Double(middle).distance(to: Double(value)).magnitude / Double(max(value, 1)))
        }
        #expect(worst <= 1.0 / 128)
    }

    @Test func bucketsAreOrderedLikeTheValues() {
        var previous = SizeHistogram.bucket(of: 0)
        var misordered: [Int] = []
        for value in 1..<200_000 {
            let bucket = SizeHistogram.bucket(of: value)
            if bucket < previous || bucket > previous + 1 { misordered.append(value) }
            previous = bucket
        }
        #expect(misordered.isEmpty)
        #expect(SizeHistogram.bucket(of: .max) < 128 + 58 * 64)
    }

    @Test func largestValuesDoNotOverflowTheBuckets() {
        var histogram = SizeHistogram()
        histogram.add(.max)
        histogram.add(0)
        let top = histogram.quantile(1) ?? 0
        #expect(Double(top) >= Double(Int.max) * (1 - 1.0 / 128))
        #expect(histogram.quantile(0) == 0)
    }
}
