import ArselModel
import CancelSession
import CampaignConsole
import Foundation
import Logging
import TerminalUI

/// The loop: input events and answers become actions, the reducer turns them into state and
/// effects, effects run as tasks on the shared client and come back as actions, and every
/// change is drawn. The screen never waits for the network: a request runs in its own task
/// while keys, resizes and refreshes keep being handled.
public final class ConsoleRuntime: Sendable {
    let client: any CampaignService
    let backend: any Backend
    let logger: Logger
    /// Sends one confirmed cancel: the front-end's cancel session (which records the intent in
    /// the audit trail before anything is sent, and the outcome after). By default, the client's.
    let send: Send
    /// Finds, re-reads and records the cancels an earlier run left unknown: the front-end's, as it
    /// owns the audit trail. By default there are none.
    let resolveUnknowns: ResolveUnknowns

    public typealias Send = @Sendable (_ target: CampaignRef, _ idempotencyKey: String, _ before: Campaign?) async -> CancelReport
    public typealias ResolveUnknowns = @Sendable () async -> [UnknownResolution]

    public init(
        client: any CampaignService, backend: any Backend, logger: Logger = Logger(label: "arsel.console"),
        resolveUnknowns: ResolveUnknowns? = nil, send: Send? = nil
    ) {
        self.client = client
        self.backend = backend
        self.logger = logger
        self.resolveUnknowns = resolveUnknowns ?? { [] }
        self.send = send ?? { target, key, _ in await client.cancel(target.id, channel: target.channel, idempotencyKey: key) }
    }

    /// Runs until the user quits (or `stop` is sent); returns the final state.
    public func run(
        environment: ConsoleEnvironment, input: AsyncStream<InputEvent>, signals: AsyncStream<String>? = nil,
        tick: Duration = .milliseconds(250)
    ) async -> AppState {
        let (actions, sink) = AsyncStream.makeStream(of: Action.self, bufferingPolicy: .unbounded)
        var state = AppState(environment: environment, now: Date())
        let size = backend.size
        state.width = size.width
        state.height = size.height

        let reading = Task {
            for await event in input {
                switch event {
                case .key(let key): sink.yield(.key(key))
                case .resize(let w, let h): sink.yield(.resize(width: w, height: h))
                }
            }
        }
        let signalling = Task {
            guard let signals else { return }
            for await name in signals { sink.yield(.signal(name)) }
        }
        let ticking = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                sink.yield(.tick(Date()))
            }
        }
        let work = WorkSet()
        perform(Reducer.start(&state), sink: sink, work: work)
        var drawn: Buffer?
        draw(state, last: &drawn)
        for await action in actions {
            let effects = Reducer.reduce(&state, action)
            draw(state, last: &drawn)
            perform(effects, sink: sink, work: work, state: state)
            if state.quitting { break }
        }
        reading.cancel()
        ticking.cancel()
        signalling.cancel()
        work.cancelAll()
        return state
    }

    func draw(_ state: AppState, last: inout Buffer?) {
        let frame = Screen.render(state)
        guard frame != last else { return }
        backend.draw(frame)
        last = frame
    }

    /// Each effect runs as a task keyed by what it is for: a newer one for the same purpose (the
    /// first page of a channel, its next page, the console's re-read, the dialog's check)
    /// cancels the older — before it is sent, if it still waits for the budget; once sent, its
    /// answer is dropped without follow-ups.
    func perform(_ effects: [Effect], sink: AsyncStream<Action>.Continuation, work: WorkSet, state: AppState? = nil) {
        for effect in effects {
            switch effect {
            case .list(let request, let query, let after):
                work.run(.list(query.channel, more: after != nil)) { [client] in
                    let result: Result<CampaignPage, ArselError>
                    do throws(ArselError) { result = .success(try await client.list(query, after: after)) } catch { result = .failure(error) }
                    guard !Task.isCancelled else { return }
                    // What the server said about itself (sandbox, budget) first: the list is
                    // never drawn without the SANDBOX badge it came with.
                    sink.yield(.serverInfo(await client.serverInfo()))
                    sink.yield(.listLoaded(request: request, result))
                }
            case .reread(let request, let targets):
                // The console's own re-reads: a person's cancel goes first.
                work.run(.reread) { [client] in
                    let results = await client.inBackground { await Self.read(client, targets) }
                    guard !Task.isCancelled else { return }
                    sink.yield(.reread(request: request, results))
                }
            case .checkForCancel(let request, let targets):
                work.run(.check) { [client] in
                    let results = await Self.read(client, targets)
                    guard !Task.isCancelled else { return }
                    sink.yield(.confirmChecked(request: request, results))
                }
            case .cancel(let target, let key):
                let before = state?.campaign(target.id).flatMap { $0.channel == target.channel ? $0 : nil }
                let send = self.send
                // A cancel is never cancelled by the console: it runs to its outcome.
                work.run(.cancel(target, key: key)) {
                    sink.yield(.cancelFinished(await send(target, key, before)))
                }
            case .resolveUnknowns:
                let resolve = resolveUnknowns
                work.run(.unknowns) {
                    let found = await resolve()
                    if !found.isEmpty { sink.yield(.unknownsResolved(found)) }
                }
            case .quit:
                sink.finish()
            }
        }
    }

    /// One GET per target, each on its own channel, answers in asking order.
    static func read(_ client: any CampaignService, _ targets: [CampaignRef]) async -> [Result<Campaign, ArselError>] {
        var results: [Result<Campaign, ArselError>] = []
        for target in targets {
            if Task.isCancelled { break }
            do throws(ArselError) { results.append(.success(try await client.get(target.id, channel: target.channel))) } catch {
                results.append(.failure(error))
            }
        }
        return results
    }
}

/// What a task is for: one task per purpose at a time.
enum WorkKey: Hashable, Sendable {
    case list(Channel, more: Bool)
    case reread
    case check
    case unknowns
    /// Never superseded, never cancelled: a cancel runs to its outcome.
    case cancel(CampaignRef, key: String)
}

/// The runtime's tasks, by purpose. A finished task is released at once; reads are cancelled
/// when the runtime stops, cancels are not.
final class WorkSet: Sendable {
    private let tasks = Mutex<(next: Int, running: [WorkKey: (id: Int, task: Task<Void, Never>)])>((0, [:]))

    /// Starts `body` for `key`, cancelling the task that had that purpose.
    func run(_ key: WorkKey, _ body: @escaping @Sendable () async -> Void) {
        tasks.withLock { state in
            state.next += 1
            let id = state.next
            // Created under the lock: its `finished` waits for the entry to be there.
            let task = Task { [self] in
                await body()
                finished(key, id)
            }
            let older = state.running.updateValue((id, task), forKey: key)
            // A cancel is never cancelled (each has its own key; this is the rule, not luck).
            if case .cancel = key {} else { older?.task.cancel() }
        }
    }

    private func finished(_ key: WorkKey, _ id: Int) {
        tasks.withLock { state in
            if state.running[key]?.id == id { state.running[key] = nil }
        }
    }

    /// Tasks not finished yet (for the tests and the benchmarks).
    var count: Int { tasks.withLock { $0.running.count } }

    func cancelAll() {
        tasks.withLock { state in
            for (key, entry) in state.running {
                if case .cancel = key { continue }
                entry.task.cancel()
            }
        }
    }
}

import Synchronization
