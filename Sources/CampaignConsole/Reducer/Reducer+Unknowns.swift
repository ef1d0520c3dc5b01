import ArselModel
import CancelSession
import Foundation

extension Reducer {
    /// Each earlier unknown, settled or not, is said (status line and `m`); what was re-read
    /// updates its row. (Its key is already in `unansweredKeys`, from the environment.)
    static func unknownsResolved(_ state: inout AppState, _ resolutions: [UnknownResolution]) {
        for r in resolutions {
            let level: Message.Level
            switch r.verdict {
            case .cancelled: level = .ok
            case .stillCancellable, .notStopped, .gone: level = .error
            case .stillUnknown: level = .unknown
            }
            note(&state, .resolved(r, clock: Format.clock(r.cancel.at, timeZone: state.environment.timeZone, state.environment.catalog)), level)
            if let c = r.campaign, c.ref == r.cancel.ref { replace(&state, c) }
        }
    }
}
