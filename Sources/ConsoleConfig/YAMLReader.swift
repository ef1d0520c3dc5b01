import Yams

/// A problem in a configuration file, with where it is: `file:line: problem`.
public struct ConfigProblem: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var problem: String

    public init(file: String, line: Int?, _ problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String { line.map { "\(file):\($0): \(problem)" } ?? "\(file): \(problem)" }
}

/// Small helpers over Yams' node tree, so every error can name its line.
struct YAMLReader {
    let file: String

    func parse(_ text: String) throws(ConfigProblem) -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else { throw ConfigProblem(file: file, line: nil, "the file is empty") }
            return node
        } catch let problem as ConfigProblem {
            throw problem
        } catch let error as YamlError {
            throw ConfigProblem(file: file, line: Self.line(of: error), "not valid YAML: \(Self.summary(error))")
        } catch {
            throw ConfigProblem(file: file, line: nil, "not valid YAML: \(error)")
        }
    }

    func problem(_ node: Node?, _ text: String) -> ConfigProblem {
        ConfigProblem(file: file, line: node?.mark.map { $0.line }, text)
    }

    func mapping(_ node: Node, _ what: String) throws(ConfigProblem) -> [(key: String, value: Node, keyNode: Node)] {
        guard let m = node.mapping else { throw problem(node, "\(what) must be a mapping (key: value)") }
        var out: [(String, Node, Node)] = []
        for (k, v) in m {
            guard let key = k.string else { throw problem(k, "keys of \(what) must be text") }
            out.append((key, v, k))
        }
        return out
    }

    func string(_ node: Node, _ what: String) throws(ConfigProblem) -> String {
        guard let s = node.string else { throw problem(node, "\(what) must be text") }
        return s
    }

    func bool(_ node: Node, _ what: String) throws(ConfigProblem) -> Bool {
        guard let b = node.bool else { throw problem(node, "\(what) must be true or false") }
        return b
    }

    func number(_ node: Node, _ what: String) throws(ConfigProblem) -> Double {
        guard let d = node.float ?? node.int.map(Double.init) else { throw problem(node, "\(what) must be a number") }
        return d
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    static func summary(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
