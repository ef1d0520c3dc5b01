import Foundation

/// One measured figure, its anchor, the ratio and the goal.
struct Figure {
    var id: String
    var what: String
    var value: String
    var anchor: String
    var ratio: Double?
    var goal: String
    var met: Bool

    static func table(_ figures: [Figure]) -> String {
        var lines = ["| | Figure | Measured | Anchor | Ratio | Goal | Met |", "|---|---|---|---|---|---|---|"]
        for f in figures {
            let ratio = f.ratio.map { String(format: "%.2f", $0) } ?? "—"
            lines.append("| \(f.id) | \(f.what) | \(f.value) | \(f.anchor) | \(ratio) | \(f.goal) | \(f.met ? "yes" : "**no**") |")
        }
        return lines.joined(separator: "\n")
    }
}

func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

func fmt(_ v: Double, _ unit: String, digits: Int = 2) -> String { String(format: "%.\(digits)f %@", v, unit) }

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

/// The built `arsel-campaigns` beside this executable.
var productBinary: String {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("arsel-campaigns").path
}

func peakRSSkB() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
    }
    return 0
}
