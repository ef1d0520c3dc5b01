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

    func perform(_ effects: [Effect], sink: AsyncStream<Action>.Continuation, work: WorkSet, state: AppState? = nil) {
        for effect in effects {
            switch effect {
            case .list(let request, let query, let after):
                work.add(Task { [client] in
                    let result: Result<CampaignPage, ArselError>
                    do throws(ArselError) { result = .success(try await client.list(query, after: after)) } catch { result = .failure(error) }
                    // What the server said about itself (sandbox, budget) first: the list is
                    // never drawn without the SANDBOX badge it came with.
                    sink.yield(.serverInfo(await client.serverInfo()))
                    sink.yield(.listLoaded(request: request, result))
                })
            case .reread(let request, let targets):
                // The console's own re-reads: a person's cancel goes first.
                work.add(Task { [client] in
                    let results = await client.inBackground { await Self.read(client, targets) }
                    sink.yield(.reread(request: request, results))
                })
            case .checkForCancel(let request, let targets):
                work.add(Task { [client] in
                    sink.yield(.confirmChecked(request: request, await Self.read(client, targets)))
                })
            case .cancel(let target, let key):
                let before = state?.campaign(target.id).flatMap { $0.channel == target.channel ? $0 : nil }
                let send = self.send
                // A cancel is never cancelled by the console: it runs to its outcome.
                Task {
                    sink.yield(.cancelFinished(await send(target, key, before)))
                }
            case .resolveUnknowns:
                let resolve = resolveUnknowns
                work.add(Task {
                    let found = await resolve()
                    if !found.isEmpty { sink.yield(.unknownsResolved(found)) }
                })
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

/// Tasks the runtime cancels when it stops (reads only; cancels run to their outcome).
final class WorkSet: Sendable {
    private let tasks = Mutex<[Task<Void, Never>]>([])

    func add(_ task: Task<Void, Never>) {
        tasks.withLock { list in
            list.removeAll { $0.isCancelled }
            list.append(task)
        }
    }

    func cancelAll() { tasks.withLock { $0.forEach { $0.cancel() } } }
}

import Synchronization
