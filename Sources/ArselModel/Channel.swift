/// The campaign channels Arsel's API serves. Everything that differs between channels is in
/// the one description below; code elsewhere reads it, or switches over every case.
public enum Channel: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case email
    case sms
    case push

    /// What a channel is, once: adding a channel is a new case here and in the contract's
    /// `Channel` enum (see DECISIONS.md, "Channels as data"); its names are the catalogs'.
    public var spec: ChannelSpec {
        switch self {
        case .email:
            return ChannelSpec(
                fields: ["id", "name", "subject", "preheader", "from_name", "from", "reply_to", "status",
                         "template_id", "scheduled_at", "sent_at", "created_at", "updated_at"],
                summaryField: "subject", requiredToSend: ["from", "subject", "template_id"])
        case .sms:
            return ChannelSpec(
                fields: ["id", "name", "description", "content", "from", "country", "status", "num_segments",
                         "scheduled_at", "sent_at", "created_at", "updated_at"],
                summaryField: "content", requiredToSend: ["from", "content"])
        case .push:
            return ChannelSpec(
                fields: ["id", "name", "description", "title", "body", "image_url", "icon_url", "deep_link",
                         "android_channel_id", "ttl_seconds", "priority", "action_buttons", "data_payload", "target_platforms",
                         "throttle_minutes", "status", "smart_sending_enabled", "scheduled_at", "sent_at", "created_at", "updated_at"],
                summaryField: "title", requiredToSend: ["title", "body"], requiredToCreate: ["title", "body"],
                spreadField: "throttle_minutes")
        }
    }

    /// The URL segment: `/v1/{path}/campaigns`.
    public var path: String { rawValue }

    public static func < (a: Channel, b: Channel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One channel's description.
public struct ChannelSpec: Sendable, Hashable {
    /// The API's field names of a campaign of this channel, in the order the API documents them.
    public var fields: [String]
    /// The field that says what is sent (subject, text, title), for details and dialogs.
    public var summaryField: String
    /// Fields that must be non-empty before the campaign can be sent (the sandbox enforces them).
    public var requiredToSend: [String]
    /// Fields a create must carry (Arsel answers 422 without them).
    public var requiredToCreate: [String]
    /// The field (minutes) over which a send is spread, when the channel has one.
    public var spreadField: String?

    public init(
        fields: [String], summaryField: String,
        requiredToSend: [String], requiredToCreate: [String] = [], spreadField: String? = nil
    ) {
        self.requiredToCreate = requiredToCreate
        self.fields = fields
        self.summaryField = summaryField
        self.requiredToSend = requiredToSend
        self.spreadField = spreadField
    }
}

/// What a view or a command covers: one channel, or every channel at once.
public enum ChannelScope: Sendable, Hashable, CaseIterable {
    case one(Channel)
    case all

    public static var allCases: [ChannelScope] { Channel.allCases.map(ChannelScope.one) + [.all] }

    /// `email`, `sms`, `push`, `all`.
    public init?(rawValue: String) {
        if rawValue.lowercased() == "all" { self = .all; return }
        guard let c = Channel(rawValue: rawValue.lowercased()) else { return nil }
        self = .one(c)
    }

    public var rawValue: String {
        switch self {
        case .one(let c): return c.rawValue
        case .all: return "all"
        }
    }

    /// The channels it covers, in order.
    public var channels: [Channel] {
        switch self {
        case .one(let c): return [c]
        case .all: return Channel.allCases
        }
    }

    public func covers(_ channel: Channel) -> Bool { channels.contains(channel) }

    /// The scope a "switch channel" key goes to: the next one, round to the first.
    public var next: ChannelScope {
        let all = ChannelScope.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// A campaign as something to act on: its id and the channel it was listed on. Every effect,
/// re-read, cancel and audit line carries one, taken from the campaign — never from the view.
public struct CampaignRef: Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var channel: Channel

    public init(_ id: String, _ channel: Channel) {
        self.id = id
        self.channel = channel
    }

    public var description: String { "\(channel.rawValue)/\(id)" }
}

extension Campaign {
    public var ref: CampaignRef { CampaignRef(id, channel) }
}
