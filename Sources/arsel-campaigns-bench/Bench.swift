import ArselAPI
import ArselModel
import ArselSandbox
import AsyncHTTPClient
import CampaignConsole
import Catalogs
import ConsoleRuntime
import CursesBackend
import Foundation
import NIOCore
import TerminalUI

/// The benchmark harness: every figure with its anchor and the ratio, from one run.
///
///     swift run -c release arsel-campaigns-bench            # the full run (about 5 minutes)
///     swift run -c release arsel-campaigns-bench --quick    # the smoke CI runs
@main
struct Bench {
    static func main() async throws {
        let args = CommandLine.arguments.dropFirst()
        if args.first == "p6-child" {
            p6Child(count: Int(args.dropFirst().first ?? "100000") ?? 100_000)
            return
        }
        let quick = args.contains("--quick")
        var figures: [Figure] = []
        let only = ProcessInfo.processInfo.environment["BENCH_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
        func run(_ name: String, _ body: () async throws -> Figure) async {
            if let only, !only.contains(name) { return }
            FileHandle.standardError.write(Data("bench: \(name)…\n".utf8))
            do { figures.append(try await body()) } catch {
                figures.append(Figure(id: name, what: "failed: \((error as? ArselError).map(English().error) ?? String(describing: error))", value: "—", anchor: "—", ratio: nil, goal: "—", met: false))
            }
        }
        await run("P1") { try p1(quick: quick) }
        await run("P1e") { try p1Edge(quick: quick) }
        await run("P2") { try await p2(quick: quick) }
        await run("P3") { try await p3(quick: quick) }
        await run("P4") { try await p4(quick: quick, reset: .epoch) }
        await run("P4s") { try await p4(quick: quick, reset: .seconds) }
        await run("P4f") { try await p4(quick: quick, reset: .epoch, answerDelay: 150) }
        await run("P5") { try await p5(quick: quick) }
        await run("P5b") { try await p5Three(quick: quick) }
        await run("P6") { try p6(quick: quick) }
        await run("P7") { try await p7(quick: quick) }
        await run("P8") { try await p8(quick: quick) }
        await run("P9") { try await p9(quick: quick) }
        print(Figure.table(figures))
        print("\nmode: \(quick ? "quick (smaller sizes; figures are not comparable to the goals)" : "full"), \(Date())")
    }
}

// MARK: P1 — a frame for 100 000 campaigns vs 100, at 200×60

func campaigns(_ n: Int) -> [Campaign] {
    let statuses: [CampaignStatus] = [.sent, .sent, .sent, .scheduled, .sending, .draft, .cancelled, .failed, .queued]
    let now = Date()
    return (0..<n).map { i in
        Campaign(id: String(format: "c%07d", i), channel: .email, name: "Campaign \(i) — Spring offers 春",
                 status: statuses[i % statuses.count], scheduledAt: Timestamp(now.addingTimeInterval(Double(i % 500) * 60)),
                 updatedAt: Timestamp(now.addingTimeInterval(-600)))
    }
}

func loadedState(_ n: Int, width: Int = 200, height: Int = 60) -> AppState {
    var state = AppState(environment: ConsoleEnvironment(session: "b", catalog: English()), now: Date())
    state.width = width
    state.height = height
    let effects = Reducer.start(&state)
    if case .list(let request, _, _)? = effects.first {
        _ = Reducer.reduce(&state, .listLoaded(request: request, .success(CampaignPage(campaigns: campaigns(n), hasMore: false))))
    }
    return state
}

/// Reducer (one key) + view into the buffer, averaged.
func frameTime(_ n: Int, frames: Int) -> Double {
    var state = loadedState(n)
    for _ in 0..<20 { _ = Reducer.reduce(&state, .key(.char("j"))); _ = Screen.render(state) }
    let start = ContinuousClock.now
    for i in 0..<frames {
        _ = Reducer.reduce(&state, .key(.char(i % 80 < 40 ? "j" : "k")))
        _ = Screen.render(state)
    }
    return ms(ContinuousClock.now - start) / Double(frames)
}

func p1(quick: Bool) throws -> Figure {
    let frames = quick ? 200 : 2000
    let small = frameTime(100, frames: frames)
    let big = frameTime(100_000, frames: frames)
    let ratio = big / small
    return Figure(id: "P1", what: "frame (key → reducer → view → buffer), 100 000 campaigns, 200×60",
                  value: fmt(big, "ms"), anchor: "100 campaigns: \(fmt(small, "ms", digits: 3))", ratio: ratio,
                  goal: "ratio ≤ 1.5, ≤ 2 ms", met: ratio <= 1.5 && big <= 2)
}

/// The same frames through the ncurses edge into a pty.
func p1Edge(quick: Bool) throws -> Figure {
    func edge(_ n: Int) throws -> Double {
        let pty = try Pty(width: 200, height: 60, keepText: false)
        let terminal = try CursesTerminal(theme: Theme(name: "bench", roles: [:]), colors: true, input: pty.slave, output: pty.slave, term: "xterm-256color")
        var state = loadedState(n)
        let frames = quick ? 100 : 600
        for i in 0..<frames {
            _ = Reducer.reduce(&state, .key(.char(i % 80 < 40 ? "j" : "k")))
            terminal.draw(Screen.render(state))
            usleep(16_000)  // one frame per 16 ms: the edge draws each
        }
        let stats = terminal.drawStats
        terminal.close()
        return ms(stats.time) / Double(max(1, stats.frames))
    }
    let small = try edge(100), big = try edge(100_000)
    return Figure(id: "P1", what: "…through the ncurses edge into a pty (draw of the diff)", value: fmt(big, "ms"),
                  anchor: "100 campaigns: \(fmt(small, "ms", digits: 3))", ratio: big / small, goal: "ratio ≤ 1.5, ≤ 2 ms",
                  met: big / small <= 1.5 && big <= 2)
}

// MARK: Sandbox helpers

func startSandbox(
    _ seed: SandboxOptions.Seed, rate: Double = 100_000, tick: Duration = .seconds(3600), batch: Int = 50,
    reset: SandboxOptions.ResetForm = .epoch, faults: [String: Fault] = [:]
) async throws -> Sandbox {
    var options = SandboxOptions()
    options.resetForm = reset
    options.faults = faults
    options.port = 0
    options.seed = seed
    options.rate = rate
    options.tick = tick
    options.batchSize = batch
    options.queueDelay = .zero
    let sandbox = try Sandbox(options: options)
    try await sandbox.start()
    return sandbox
}

func requestLog(_ sandbox: Sandbox) async throws -> [[String: Any]] {
    let root = sandbox.baseURL.absoluteString.replacingOccurrences(of: "/v1", with: "")
    let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: root + "/_sandbox/requests"), timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 64 << 20)
    return (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [[String: Any]]) ?? []
}

func client(_ sandbox: Sandbox, rate: Double) throws -> CampaignsClient {
    var config = ClientConfiguration(baseURL: sandbox.baseURL, apiKey: try APIKey(sandbox.demoKey))
    config.requestsPerSecond = rate
    return CampaignsClient(configuration: config)
}
