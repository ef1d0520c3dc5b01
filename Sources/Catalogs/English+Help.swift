import CampaignConsole

/// What each key command does, for help and the README.
extension English {
    public func help(_ command: Command, keys: Keymap) -> String {
        switch command {
        case .up: return "move up"
        case .down: return "move down"
        case .pageUp: return "page up"
        case .pageDown: return "page down"
        case .top: return "first campaign"
        case .bottom: return "last loaded campaign"
        case .details: return "details of the campaign"
        case .cancel: return "cancel the selected (or the marked) campaigns"
        case .mark: return "mark and move down"
        case .markAll: return "mark every visible cancellable campaign"
        case .clearMarks: return "clear marks"
        case .search: return "filter by name" + (keys.input.label(.clear).map { " (\($0) clears)" } ?? "")
        case .cycleStatus: return "cycle the status filter (all, stoppable, then each status)"
        case .stoppable: return "show only what can still be stopped (Scheduled, Queued, Sending), or all again"
        case .sort: return "cycle the order: when, status, name, updated"
        case .switchChannel: return "switch channel (email → SMS → push → all)"
        case .refresh: return "refresh now"
        case .pause: return "pause or resume auto-refresh"
        case .help: return "this help"
        case .messages: return "message history"
        case .retryFailed: return "retry the failed cancels"
        case .dismiss: return "dismiss the selected row's note"
        case .quit: return "quit" + (keys.overlay.label(.close).map { " (\($0) closes an overlay first)" } ?? "")
        }
    }

    public func help(_ command: DialogCommand, keys: Keymap) -> String {
        switch command {
        case .confirm: return "cancel now (in the quit dialog: quit anyway)"
        case .keep: return "keep: close without cancelling"
        case .press: return "press the focused button (Keep unless moved)"
        case .moveFocus: return "move between Keep and Cancel"
        case .up: return "scroll the list of campaigns up"
        case .down: return "scroll the list of campaigns down"
        case .pageUp: return "scroll a page up"
        case .pageDown: return "scroll a page down"
        case .top: return "scroll to the top"
        case .bottom: return "scroll to the end (the warning)"
        }
    }

    public func help(_ command: OverlayCommand, keys: Keymap) -> String {
        switch command {
        case .close: return "close"
        case .up: return "scroll up"
        case .down: return "scroll down"
        case .pageUp: return "page up"
        case .pageDown: return "page down"
        case .top: return "to the top"
        case .bottom: return "to the end"
        }
    }

    public func help(_ command: InputCommand, keys: Keymap) -> String {
        switch command {
        case .apply: return "apply the search"
        case .clear: return "clear the search and close the prompt"
        case .erase: return "erase the last character"
        }
    }
}
