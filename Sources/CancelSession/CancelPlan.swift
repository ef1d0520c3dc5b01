import ArselModel

/// What one confirmation is about — the one place that decides which campaigns a cancel goes to,
/// which are skipped and why, and how a person must confirm. The console, line mode and
/// `arsel-campaigns cancel` all ask through it; they differ only in how they show it.
public struct CancelPlan: Sendable, Equatable {
    /// Why a campaign is not cancelled: a catalog says it in words.
    public enum SkipReason: Sendable, Equatable {
        /// Its listed status cannot be cancelled.
        case status(CampaignStatus)
        case noAnswer
        case answeredAboutAnother(CampaignRef)
        /// The re-read found it in a status that cannot be cancelled.
        case nowNotCancellable(CampaignStatus)
        case rereadFailed(ArselError)
    }

    public struct Skip: Sendable, Equatable {
        public var ref: CampaignRef
        public var name: String
        public var reason: SkipReason

        public init(_ ref: CampaignRef, _ name: String, _ reason: SkipReason) {
            self.ref = ref
            self.name = name
            self.reason = reason
        }
    }

    /// What the re-read asks about, in order: each with the channel it was listed on.
    public private(set) var asked: [CampaignRef]
    /// Names as listed, for skips of campaigns whose re-read failed.
    public private(set) var names: [CampaignRef: String]
    /// After the re-read: the campaigns the cancels will go to, as Arsel just described them.
    public private(set) var cancellable: [Campaign] = []
    public private(set) var skipped: [Skip] = []
    public private(set) var checked = false

    /// From campaigns as listed. Unless `explicit` (ids the person named again: a retry, the
    /// CLI), one whose listed status cannot be cancelled is skipped now, with the reason, and not
    /// re-read.
    public init(listed: [Campaign], explicit: Bool = false) {
        var asked: [CampaignRef] = []
        var names: [CampaignRef: String] = [:]
        var seen = Set<CampaignRef>()
        for c in listed where seen.insert(c.ref).inserted {
            names[c.ref] = c.name ?? "—"
            if explicit || c.status.isCancellable {
                asked.append(c.ref)
            } else {
                skipped.append(Skip(c.ref, c.name ?? "—", .status(c.status)))
            }
        }
        self.asked = asked
        self.names = names
    }

    /// From ids alone (the CLI): every one is re-read before anything is asked.
    public init(refs: [CampaignRef], names: [CampaignRef: String] = [:]) {
        var seen = Set<CampaignRef>()
        asked = refs.filter { seen.insert($0).inserted }
        self.names = names
    }

    /// The re-read's answers, in asking order. An answer counts only for the id and channel it
    /// was asked about; a missing or failed one skips its campaign, never guesses.
    public mutating func check(_ results: [Result<Campaign, ArselError>]) {
        for (i, ref) in asked.enumerated() {
            let name = names[ref] ?? ref.id
            guard i < results.count else {
                skipped.append(Skip(ref, name, .noAnswer))
                continue
            }
            switch results[i] {
            case .success(let campaign) where campaign.id != ref.id || campaign.channel != ref.channel:
                skipped.append(Skip(ref, name, .answeredAboutAnother(campaign.ref)))
            case .success(let campaign):
                if cancellable.contains(where: { $0.ref == ref }) { continue }
                if campaign.status.isCancellable {
                    cancellable.append(campaign)
                } else {
                    skipped.append(Skip(ref, campaign.name ?? name, .nowNotCancellable(campaign.status)))
                }
            case .failure(let error):
                skipped.append(Skip(ref, name, .rereadFailed(error)))
            }
        }
        checked = true
    }

    /// Whom the cancels go to, in order.
    public var targets: [CampaignRef] { cancellable.map(\.ref) }

    /// With 5 or more campaigns, or on a production profile, the count must be typed.
    public func needsTyping(production: Bool) -> Bool { cancellable.count >= 5 || (production && !cancellable.isEmpty) }

    /// What a person must type to confirm: the count where it must be typed, else "yes" (a
    /// dialog may take `y` or a button instead; a prompt takes exactly this).
    public func answer(production: Bool) -> String { needsTyping(production: production) ? String(cancellable.count) : "yes" }

    /// The count typed so far is the right one (only then may Enter confirm).
    public func typedCountIsRight(_ typed: String, production: Bool) -> Bool {
        !needsTyping(production: production) || typed == String(cancellable.count)
    }

    /// How many cancels go to each channel, in channel order (channels with none left out).
    public var perChannel: [(channel: Channel, count: Int)] {
        Channel.allCases.compactMap { ch in
            let n = cancellable.filter { $0.channel == ch }.count
            return n == 0 ? nil : (ch, n)
        }
    }

    /// Seconds the cancels take at the organisation's budget (one request each, the first at
    /// once), rounded up: "7 cancels ≈ 4 s".
    public func seconds(requestsPerSecond: Double) -> Int {
        guard cancellable.count > 1, requestsPerSecond > 0 else { return cancellable.isEmpty ? 0 : 1 }
        return Int((Double(cancellable.count - 1) / requestsPerSecond).rounded(.up)) + 1
    }

    public static func == (a: CancelPlan, b: CancelPlan) -> Bool {
        a.asked == b.asked && a.names == b.names && a.cancellable == b.cancellable && a.skipped == b.skipped && a.checked == b.checked
    }
}
