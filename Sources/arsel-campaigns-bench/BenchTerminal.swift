import ArselAPI
import ArselModel
import ArselSandbox
import AsyncHTTPClient
import CampaignConsole
import Catalogs
import ConsoleRuntime
import Foundation
import NIOCore
import TerminalUI

// MARK: P2 — bytes on the wire per selection step, vs less

/// The console at 200×50 with 2 000 campaigns, moving the selection one row at a time within
/// the page (j down to the last visible row, k back up), against `less -S` scrolling one line
/// per j through the same rows as the console draws them, trailing blanks trimmed (the console
/// never writes them either). Both in the harness's pty, every byte the terminal receives.
func p2(quick: Bool) async throws -> Figure {
    let steps = quick ? 60 : 240
    let (width, height, count) = (200, 50, 2000)
    let sandbox = try await startSandbox(.emails(count))
    defer { Task { await sandbox.stop() } }
    let pty = try Pty(width: width, height: height)
    let env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin",
               "ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString,
               "XDG_STATE_HOME": NSTemporaryDirectory() + "bench-state"]
    let pid = try pty.spawn([productBinary, "--rate", "50"], environment: env)
    guard pty.waitFor("Campaign \(count)") != nil else { throw BenchError("the console showed no data") }
    pty.settle()
    let page = Layout.tableRows(height: height) - 1
    let before = pty.bytes
    for i in 0..<steps {
        pty.type((i / page) % 2 == 0 ? "j" : "k")
        usleep(25_000)
    }
    pty.settle()
    let console = Double(pty.bytes - before) / Double(steps)
    pty.type("q")
    _ = waitExit(pid)

    // less, scrolling the same rows rendered as text, one line per j.
    let file = NSTemporaryDirectory() + "bench-rows-\(UUID().uuidString).txt"
    defer { unlink(file) }
    var state = loadedState(count, width: width, height: height)
    var lines: [String] = []
    let rows = Layout.tableRows(height: height)
    while lines.count < count {
        let frame = Screen.render(state).lines
        lines += frame[Layout.rowsAbove..<(Layout.rowsAbove + rows)].map { String($0.reversed().drop { $0 == " " }.reversed()) }
        for _ in 0..<rows { _ = Reducer.reduce(&state, .key(.char("j"))) }
    }
    try lines.prefix(count).joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    let lessPty = try Pty(width: width, height: height)
    let lessPid = try lessPty.spawn(["/usr/bin/less", "-S", file], environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LESS": "", "PATH": "/usr/bin:/bin"])
    lessPty.settle(quiet: .milliseconds(300))
    let lessBefore = lessPty.bytes
    for _ in 0..<steps {
        lessPty.type("j")
        usleep(25_000)
    }
    lessPty.settle()
    let less = Double(lessPty.bytes - lessBefore) / Double(steps)
    lessPty.type("q")
    _ = waitExit(lessPid)
    return Figure(id: "P2", what: "bytes to the terminal per selection step (\(width)×\(height), \(count) rows, j/k ×\(steps) within the page)",
                  value: fmt(console, "B", digits: 0), anchor: "less -S, one line, rows unpadded: \(fmt(less, "B", digits: 0))",
                  ratio: console / less, goal: "ratio ≤ 0.6", met: console / less <= 0.6)
}

// MARK: P3 — start-up to the first frame with data, vs curl

func p3(quick: Bool) async throws -> Figure {
    let runs = quick ? 3 : 7
    let sandbox = try await startSandbox(.emails(500))
    defer { Task { await sandbox.stop() } }
    var consoleTimes: [Double] = [], curlTimes: [Double] = []
    for _ in 0..<runs {
        let pty = try Pty(width: 120, height: 40)
        let start = ContinuousClock.now
        let pid = try pty.spawn([productBinary, "--rate", "50"], environment: [
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin",
            "ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString])
        guard pty.waitFor("Campaign 500") != nil else { throw BenchError("no first frame") }
        consoleTimes.append(ms(ContinuousClock.now - start))
        pty.type("q")
        _ = waitExit(pid)

        let curlStart = ContinuousClock.now
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-o", "/dev/null", "-H", "Authorization: Bearer \(sandbox.demoKey)",
                          sandbox.baseURL.absoluteString + "/email/campaigns?limit=50"]
        try curl.run()
        curl.waitUntilExit()
        curlTimes.append(ms(ContinuousClock.now - curlStart))
        try await Task.sleep(for: .milliseconds(600))  // the sandbox's 2/s would otherwise count
    }
    let c = percentile(consoleTimes, 0.5), k = percentile(curlTimes, 0.5)
    return Figure(id: "P3", what: "start-up: exec → first frame with data (median of \(runs))", value: fmt(c, "ms", digits: 0),
                  anchor: "curl, first page: \(fmt(k, "ms", digits: 0))", ratio: c / k, goal: "ratio ≤ 5", met: c / k <= 5)
}

// MARK: P4 — list --all of 2 000 campaigns at 2 requests/s, vs the limit's 10 s

/// `reset`: the form of `ratelimit-reset`; `answerDelay`: every answer this many ms late, after
/// the limiter counted the request (a jump host far from the API).
func p4(quick: Bool, reset: SandboxOptions.ResetForm, answerDelay: Int = 0) async throws -> Figure {
    let count = quick ? 300 : 2000
    let faults = answerDelay > 0 ? ["*": Fault(answerDelayMs: answerDelay)] : [:]
    let sandbox = try await startSandbox(.emails(count), rate: 2, reset: reset, faults: faults)
    defer { Task { await sandbox.stop() } }
    try await Task.sleep(for: .seconds(1.1))
    let start = ContinuousClock.now
    let list = Process()
    list.executableURL = URL(fileURLWithPath: productBinary)
    list.arguments = ["list", "--all", "--json"]
    list.environment = ["ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString, "HOME": NSTemporaryDirectory()]
    let out = Pipe()
    list.standardOutput = out
    try list.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    list.waitUntilExit()
    let took = ms(ContinuousClock.now - start) / 1000
    let got = ((try? JSONSerialization.jsonObject(with: data)) as? [Any])?.count ?? -1
    let limited = try await requestLog(sandbox).filter { $0["status"] as? Int == 429 }.count
    let pages = Double((count + 99) / 100)
    let limit = pages / 2
    let how = "ratelimit-reset as \(reset == .epoch ? "a timestamp" : "seconds")" + (answerDelay > 0 ? ", answers \(answerDelay) ms late" : "")
    return Figure(id: "P4", what: "`list --all` of \(count) campaigns, sandbox at 2 requests/s, \(how) (\(got) listed, \(limited) × 429)",
                  value: fmt(took, "s"), anchor: "the limit: \(Int(pages)) pages / 2 per s = \(fmt(limit, "s", digits: 1))",
                  ratio: took / limit, goal: "ratio ≤ 1.05, zero 429s", met: took / limit <= 1.05 && limited == 0 && got == count)
}

// MARK: P5 — what an idle console costs the organisation's budget

func headlessConsole(_ sandbox: Sandbox, width: Int = 120, height: Int = 30) throws -> (TestBackend, AsyncStream<InputEvent>.Continuation, Task<AppState, Never>, CampaignsClient) {
    let backend = TestBackend(width: width, height: height)
    let api = try client(sandbox, rate: 2)
    let runtime = ConsoleRuntime(client: api, backend: backend)
    let (input, keys) = AsyncStream.makeStream(of: InputEvent.self)
    let task = Task { await runtime.run(environment: ConsoleEnvironment(session: UUID().uuidString.prefix(6).lowercased(), catalog: English()), input: input) }
    return (backend, keys, task, api)
}

func p5(quick: Bool) async throws -> Figure {
    let seconds = quick ? 20.0 : 120.0
    let sandbox = try await startSandbox(.demo, rate: 2, tick: .milliseconds(500))
    defer { Task { await sandbox.stop() } }
    let (backend, keys, task, api) = try headlessConsole(sandbox)
    while !backend.screen.contains("Ramadan") { try await Task.sleep(for: .milliseconds(50)) }
    let start = try await requestLog(sandbox).count
    try await Task.sleep(for: .seconds(seconds))
    let requests = try await requestLog(sandbox).count - start
    keys.yield(.key(.char("q")))
    _ = await task.value
    await api.shutdown()
    let rps = Double(requests) / seconds
    return Figure(id: "P5", what: "idle console, requests per second over \(Int(seconds)) s (demo data, 3 sending)",
                  value: fmt(rps, "req/s", digits: 3), anchor: "the budget: 2 req/s", ratio: rps / 2, goal: "≤ 0.5 req/s", met: rps <= 0.5)
}

/// Three consoles on one organisation start at once (all loading at the organisation's 2/s),
/// then one of them cancels: every user action succeeds, and the 429s they meet between them
/// are counted from the very first request.
func p5Three(quick: Bool) async throws -> Figure {
    let sandbox = try await startSandbox(.demo, rate: 2)
    defer { Task { await sandbox.stop() } }
    var consoles: [(TestBackend, AsyncStream<InputEvent>.Continuation, Task<AppState, Never>, CampaignsClient)] = []
    for _ in 0..<3 { consoles.append(try headlessConsole(sandbox)) }
    var loaded = 0
    for (backend, _, _, _) in consoles {
        for _ in 0..<400 where !backend.screen.contains("Lunch offer") { try await Task.sleep(for: .milliseconds(50)) }
        if backend.screen.contains("Lunch offer") { loaded += 1 }
    }
    // One manager cancels, while the others' consoles keep refreshing.
    let (backend, keys, _, _) = consoles[1]
    keys.yield(.key(.char("c")))
    for _ in 0..<400 where !backend.screen.contains("[> Keep <]") { try await Task.sleep(for: .milliseconds(50)) }
    keys.yield(.key(.char("y")))
    // Until the row's note is an outcome (the status column also has ✗ glyphs: Failed).
    for _ in 0..<1200 where backend.screen.contains("cancelling…") || backend.screen.contains("waiting…") || !backend.screen.contains("NOTE") {
        try await Task.sleep(for: .milliseconds(50))
    }
    let cancelled = backend.screen.contains("✓ Campaign cancelled")
    if !cancelled { FileHandle.standardError.write(Data("P5 console without success:\n\(backend.screen)\n".utf8)) }
    // A while longer, the three consoles idle on their timers.
    try await Task.sleep(for: .seconds(quick ? 5 : 20))
    let log = try await requestLog(sandbox)
    let limited = log.filter { $0["status"] as? Int == 429 }.count
    for (_, keys, task, api) in consoles {
        keys.yield(.key(.char("q")))
        _ = await task.value
        await api.shutdown()
    }
    let ok = loaded + (cancelled ? 1 : 0)
    return Figure(id: "P5", what: "three consoles on one organisation, all loading, one cancelling (\(log.count) requests, \(limited) × 429)",
                  value: "\(ok)/4 user actions", anchor: "—", ratio: nil, goal: "0 failed user actions, ≤ 3 × 429 in all",
                  met: ok == 4 && limited <= 3)
}

// MARK: P8 — an idle console's bytes on the wire

/// The console idle in the harness's pty with auto-refresh on (every 15 s) and nothing changing
/// on the server: what it writes per second, averaged. `less` idle writes nothing; htop, 500–1 000.
func p8(quick: Bool) async throws -> Figure {
    let seconds = quick ? 15.0 : 60.0
    let sandbox = try await startSandbox(.emails(2000), rate: 2)
    defer { Task { await sandbox.stop() } }
    let pty = try Pty(width: 200, height: 50)
    let env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin",
               "ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString,
               "XDG_STATE_HOME": NSTemporaryDirectory() + "bench-state"]
    let pid = try pty.spawn([productBinary], environment: env)
    guard pty.waitFor("Campaign 2000") != nil else { throw BenchError("the console showed no data") }
    pty.settle(quiet: .seconds(2), timeout: .seconds(10))
    let before = pty.bytes
    let requestsBefore = try await requestLog(sandbox).count
    try await Task.sleep(for: .seconds(seconds))
    let rate = Double(pty.bytes - before) / seconds
    if ProcessInfo.processInfo.environment["BENCH_DUMP"] != nil {
        FileHandle.standardError.write(Data(String(pty.text.utf8.suffix(pty.bytes - before))!.debugDescription.utf8))
    }
    let requests = try await requestLog(sandbox).count - requestsBefore
    pty.type("q")
    _ = waitExit(pid)
    return Figure(id: "P8", what: "idle console, \(Int(seconds)) s, auto-refresh on (\(requests) requests), nothing changing, 200×50",
                  value: fmt(rate, "B/s", digits: 1), anchor: "less idle: 0 B/s; htop: 500–1 000 B/s", ratio: nil,
                  goal: "≤ 5 B/s", met: rate <= 5)
}

// MARK: P9 — what typing a search costs the budget

/// `/` and an 8-letter search typed at 150 ms a key, then the result: the list requests the
/// sandbox received from the first key to the answer on screen.
func p9(quick: Bool) async throws -> Figure {
    let sandbox = try await startSandbox(.demo, rate: 2)
    defer { Task { await sandbox.stop() } }
    let (backend, keys, task, api) = try headlessConsole(sandbox)
    for _ in 0..<400 where !backend.screen.contains("Lunch offer") { try await Task.sleep(for: .milliseconds(50)) }
    try await Task.sleep(for: .seconds(2))  // the start-up's pages and re-reads are out
    let lists = { try await requestLog(sandbox).filter { ($0["path"] as? String)?.hasSuffix("/campaigns") == true && $0["method"] as? String == "GET" }.count }
    let before = try await lists()
    keys.yield(.key(.char("/")))
    for c in "Ramadan " {
        keys.yield(.key(.char(c)))
        try await Task.sleep(for: .milliseconds(150))
    }
    for _ in 0..<400 where backend.screen.contains("Lunch offer") { try await Task.sleep(for: .milliseconds(50)) }
    let found = backend.screen.contains("Ramadan offers")
    let requests = try await lists() - before
    keys.yield(.key(.enter))
    keys.yield(.key(.char("q")))
    _ = await task.value
    await api.shutdown()
    return Figure(id: "P9", what: "typing an 8-letter search in `/` at 150 ms a key, then its result\(found ? "" : " (not found!)")",
                  value: "\(requests) list requests", anchor: "one per key: 8", ratio: Double(requests) / 8, goal: "≤ 2 list requests",
                  met: found && requests <= 2)
}

// MARK: P6 — peak memory with 100 000 campaigns loaded

func p6Child(count: Int) {
    var state = loadedState(count)
    for _ in 0..<50 {
        _ = Reducer.reduce(&state, .key(.char("j")))
        _ = Screen.render(state)
    }
    print(peakRSSkB())
}

func p6(quick: Bool) throws -> Figure {
    let count = quick ? 20_000 : 100_000
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    child.arguments = ["p6-child", String(count)]
    let out = Pipe()
    child.standardOutput = out
    try child.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    child.waitUntilExit()
    let kB = Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    let mb = Double(kB) / 1024
    return Figure(id: "P6", what: "peak RSS, console state + frames with \(count) campaigns", value: fmt(mb, "MB", digits: 1),
                  anchor: "80 MB", ratio: mb / 80, goal: "≤ 80 MB", met: mb <= 80)
}

// MARK: P7 — 200 concurrent cancels while the dispatcher runs flat out

func p7(quick: Bool) async throws -> Figure {
    let n = quick ? 50 : 200
    let sandbox = try await startSandbox(.none, tick: .milliseconds(1), batch: 50)
    defer { Task { await sandbox.stop() } }
    let url = sandbox.baseURL.absoluteString
    let root = url.replacingOccurrences(of: "/v1", with: "")
    // 200 cancels as 200 people would send them: 200 connections, not 8 shared ones.
    var config = HTTPClient.Configuration()
    config.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = n
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    defer { Task { try? await http.shutdown() } }
    func send(_ method: String, _ target: String, _ body: String? = nil, auth: Bool = true) async throws -> (Int, Data) {
        var request = HTTPClientRequest(url: target)
        request.method = .init(rawValue: method)
        if auth { request.headers.add(name: "Authorization", value: "Bearer \(sandbox.demoKey)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        return (Int(response.status.code), Data(buffer: try await response.body.collect(upTo: 1 << 20)))
    }
    var ids: [String] = []
    for i in 0..<(n + 20) {
        let (_, data) = try await send("POST", url + "/email/campaigns", #"{"name":"Race \#(i)","subject":"s","from":"a@b.sa","template_id":"0192a1b2-c3d4-7e5f-9000-0000000000a1","list_ids":["a","b","c","d","e"]}"#)
        let id = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["id"] as? String ?? ""
        _ = try await send("POST", root + "/_sandbox/campaigns/\(id)/status", #"{"status":"sending"}"#, auth: false)
        ids.append(id)
    }
    // Warm the 200 connections (a GET each), so the figure is the cancel, not the TCP handshake.
    try await withThrowingTaskGroup(of: Void.self) { group in
        for id in ids { group.addTask { _ = try await send("GET", url + "/email/campaigns/\(id)") } }
        try await group.waitForAll()
    }
    try await Task.sleep(for: .milliseconds(200))  // the dispatcher is handing batches off
    // One at a time first: what a single cancel costs, for comparison.
    var single: [Double] = []
    for id in ids.suffix(20) {
        let start = ContinuousClock.now
        _ = try await send("POST", url + "/email/campaigns/\(id)/cancel")
        single.append(ms(ContinuousClock.now - start))
    }
    ids = Array(ids.prefix(n))
    let latencies = try await withThrowingTaskGroup(of: (Double, Int).self) { group in
        for id in ids {
            group.addTask {
                let start = ContinuousClock.now
                let (status, _) = try await send("POST", url + "/email/campaigns/\(id)/cancel")
                return (ms(ContinuousClock.now - start), status)
            }
        }
        return try await group.reduce(into: []) { $0.append($1) }
    }
    let (_, invariantsData) = try await send("GET", root + "/_sandbox/invariants", auth: false)
    let violations = (((try? JSONSerialization.jsonObject(with: invariantsData)) as? [String: Any])?["violations"] as? [Any])?.count ?? -1
    let times = latencies.map(\.0)
    let p50 = percentile(times, 0.5), p99 = percentile(times, 0.99)
    let ok = latencies.filter { $0.1 == 200 || $0.1 == 400 }.count
    return Figure(id: "P7", what: "\(n) concurrent cancels, dispatcher at full speed (\(ok)/\(n) answered 200/400)",
                  value: "p50 \(fmt(p50, "ms", digits: 1)), p99 \(fmt(p99, "ms", digits: 1)), \(violations) violations; one at a time: p50 \(fmt(percentile(single, 0.5), "ms", digits: 1))",
                  anchor: "20 ms", ratio: p99 / 20, goal: "p99 ≤ 20 ms, zero violations", met: p99 <= 20 && violations == 0)
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
