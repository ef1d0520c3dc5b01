import ArselModel
import Catalogs

/// What a person (and JSON) reads in English, for tests that pin the words.
extension ArselError {
    var description: String { English().error(self) }
    var message: String { English().message(self) }
    var json: [String: JSONScalar] { English().json(self) }
}
