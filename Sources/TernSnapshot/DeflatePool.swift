import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Dedicated worker threads for parallel deflate. Each worker owns one zlib stream and claims the
/// next block of the batch until none is left, so a worker that drew quick blocks is never idle
/// while another still has a queue. Real threads rather than Dispatch: the global pool on Linux
/// holds back threads when the machine looks busy, which would silently serialize compression.
final class DeflatePool: @unchecked Sendable {
    private let workers: [DeflateWorker]
    private let start: [DispatchSemaphore]
    private let done = DispatchSemaphore(value: 0)
    private var batch: DeflateBatch?
    private let nextBlock = Atomic<Int>(0)
    private var stopping = false
    private var threads: [pthread_t] = []

    init(workers: [DeflateWorker]) {
        self.workers = workers
        start = workers.map { _ in DispatchSemaphore(value: 0) }
        for index in workers.indices {
            let context = Unmanaged.passRetained(WorkerStart(pool: self, index: index)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { argument in
                let start = Unmanaged<WorkerStart>.fromOpaque(argument!).takeRetainedValue()
                start.pool.loop(start.index)
                return nil
            }, context)
            precondition(status == 0, "cannot start a compression thread (error \(status))")
            threads.append(thread)
        }
    }

    /// Stops and joins the threads.
    func shutdown() {
        stopping = true
        for semaphore in start { semaphore.signal() }
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }

    /// Starts deflating `batch` on all workers; `wait()` returns when they are done.
    func submit(_ batch: DeflateBatch) {
        self.batch = batch
        nextBlock.store(0, ordering: .relaxed)
        for semaphore in start { semaphore.signal() }
    }

    /// Waits until every worker finished the submitted batch.
    func wait() {
        for _ in workers { done.wait() }
        batch = nil
    }

    private func loop(_ index: Int) {
        while true {
            start[index].wait()
            if stopping { return }
            if let batch {
                while true {
                    let block = nextBlock.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard block < batch.jobs.count else { break }
                    workers[index].run(batch.jobs[block], into: batch.slots[block])
                }
            }
            done.signal()
        }
    }
}

/// What a new thread needs to find its place.
private final class WorkerStart {
    let pool: DeflatePool
    let index: Int
    init(pool: DeflatePool, index: Int) {
        self.pool = pool
        self.index = index
    }
}

/// One batch of input: a 32 KiB dictionary region followed by up to `blocksPerBatch` blocks, and
/// an output slot per block.
final class DeflateBatch {
    let buffer: UnsafeMutableRawBufferPointer
    let slots: [DeflateWorker]
    let dictionarySize: Int
    let blockSize: Int
    var fill: Int
    /// Bytes of real input before this batch's data that its dictionary region holds (0...32 KiB).
    var history = 0
    private(set) var jobs: [DeflateJob] = []

    init(dictionarySize: Int, blockSize: Int, blocks: Int, level: Int32) {
        self.dictionarySize = dictionarySize
        self.blockSize = blockSize
        buffer = .allocate(byteCount: dictionarySize + blockSize * blocks, alignment: 64)
        slots = (0..<blocks).map { _ in DeflateWorker(level: level, blockSize: blockSize) }
        fill = dictionarySize
    }

    deinit {
        buffer.deallocate()
    }

    var dataBytes: Int { fill - dictionarySize }
    var isFull: Bool { fill == buffer.count }

    /// Cuts the data into jobs. Each block is primed with the input before it, up to 32 KiB, never
    /// reaching before the start of the stream; with `final` the last block ends the deflate stream.
    func prepareJobs(final: Bool) {
        let base = buffer.baseAddress!
        let count = (dataBytes + blockSize - 1) / blockSize
        jobs = (0..<count).map { index in
            DeflateJob(
                start: base + dictionarySize + index * blockSize,
                length: min(blockSize, dataBytes - index * blockSize),
                dictionary: min(dictionarySize, history + index * blockSize),
                final: final && index == count - 1)
        }
    }

    /// Makes this batch continue `previous`: its last 32 KiB become this batch's dictionary.
    func continueAfter(_ previous: DeflateBatch) {
        buffer.baseAddress!.copyMemory(
            from: previous.buffer.baseAddress! + (previous.fill - dictionarySize), byteCount: dictionarySize)
        history = min(dictionarySize, previous.history + previous.dataBytes)
        fill = dictionarySize
        jobs = []
    }
}
