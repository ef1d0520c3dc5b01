/// The one conversion between `JSONScalar` and the untyped values JSON libraries hand over
/// (OpenAPI's object containers, `JSONSerialization`), shared by the client and the sandbox.
extension JSONScalar {
    /// Scalars and arrays of strings; anything else (objects, mixed arrays) is `nil`.
    public init?(value: (any Sendable)?) {
        switch value {
        case nil: self = .null
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .number(Double(i))
        case let d as Double: self = .number(d)
        case let s as String: self = .string(s)
        case let list as [(any Sendable)?]:
            let strings = list.compactMap { $0 as? String }
            guard strings.count == list.count else { return nil }
            self = .strings(strings)
        default: return nil
        }
    }

    /// As an untyped JSON value; whole numbers as `Int`, so they are written without a fraction.
    public var value: (any Sendable)? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? Int(n) : n
        case .bool(let b): return b
        case .strings(let list): return list
        case .null: return nil
        }
    }

    /// The same value with `transform` applied to every string in it.
    public func mapStrings(_ transform: (String) -> String) -> JSONScalar {
        switch self {
        case .string(let s): return .string(transform(s))
        case .strings(let list): return .strings(list.map(transform))
        case .number, .bool, .null: return self
        }
    }
}
