/// Takes observation off the forwarding path: the pumps hand over each chunk they forwarded
/// (a copy, no parsing) and go on; one task cuts the chunks into lines and feeds the
/// ``TrafficObserver``. ``drain()`` returns once everything handed over has been observed.
///
/// ```swift
/// let queue = ObservationQueue(observer: observer)
/// queue.submit(bytes, from: .server)     // cheap: on the forwarding path
/// await queue.drain()                    // before reading observer.session
/// ```
final class ObservationQueue: Sendable {
    private let continuation: AsyncStream<(TrafficObserver.Sender, [UInt8])>.Continuation
    private let consumer: Task<Void, Never>

    init(observer: TrafficObserver) {
        let (stream, continuation) = AsyncStream.makeStream(of: (TrafficObserver.Sender, [UInt8]).self)
        self.continuation = continuation
        consumer = Task.detached {
            var client = LineSplitter(), server = LineSplitter()
            for await (sender, chunk) in stream {
                switch sender {
                case .client: for line in client.lines(in: chunk) { observer.observe(line, from: .client) }
                case .server: for line in server.lines(in: chunk) { observer.observe(line, from: .server) }
                }
            }
        }
    }

    func submit(_ chunk: [UInt8], from sender: TrafficObserver.Sender) {
        continuation.yield((sender, chunk))
    }

    /// Observes everything submitted so far and stops taking more.
    func drain() async {
        continuation.finish()
        await consumer.value
    }
}
