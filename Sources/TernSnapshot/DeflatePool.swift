import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Dedicated worker threads for parallel deflate. Each worker owns one zlib stream and takes the
/// next queued block, whatever batch it belongs to, so the workers go straight on to the next
/// batch while the last blocks of the previous one finish. Real threads rather than Dispatch: the
/// global pool on Linux holds back threads when the machine looks busy, which would silently
/// serialize compression.
final class DeflatePool: @unchecked Sendable {
    private let workers: [DeflateWorker]
    private let available = DispatchSemaphore(value: 0)
    private let queue = Mutex<[(batch: DeflateBatch, block: Int)]>([])
    private let stopping = Atomic<Bool>(false)
    private var threads: [pthread_t] = []

    init(workers: [DeflateWorker]) {
        self.workers = workers
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
        stopping.store(true, ordering: .sequentiallyConsistent)
        for _ in threads { available.signal() }
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }

    /// Queues every block of `batch`; `wait(for:)` returns when they are all deflated.
    func submit(_ batch: DeflateBatch) {
        let count = batch.jobs.count
        guard count > 0 else {
            batch.done.signal()
            return
        }
        queue.withLock { queue in
            for block in 0..<count { queue.append((batch: batch, block: block)) }
        }
        for _ in 0..<count { available.signal() }
    }

    /// Waits until every block of `batch` is deflated.
    func wait(for batch: DeflateBatch) {
        batch.done.wait()
    }

    private func loop(_ index: Int) {
        while true {
            available.wait()
            if stopping.load(ordering: .sequentiallyConsistent) { return }
            let job = queue.withLock { $0.removeFirst() }
            let batch = job.batch
            workers[index].run(batch.jobs[job.block], into: batch.slots[job.block])
            if batch.completed.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == batch.jobs.count {
                batch.done.signal()
            }
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
final class DeflateBatch: @unchecked Sendable {
    let buffer: UnsafeMutableRawBufferPointer
    let slots: [DeflateWorker]
    let dictionarySize: Int
    let blockSize: Int
    var fill: Int
    /// Blocks deflated so far; the worker that completes the last one signals `done`.
    let completed = Atomic<Int>(0)
    /// Signalled once all blocks are deflated.
    let done = DispatchSemaphore(value: 0)
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
        completed.store(0, ordering: .relaxed)
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
