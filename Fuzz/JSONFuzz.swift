import Foundation

// libFuzzer target: any bytes as a campaign list, decoded the way the client decodes it
// (Foundation's JSONDecoder, the contract's tolerant shape), then through the product's types
// and the sanitiser. It must never trap: bad input is an error, not a crash.
struct Envelope: Decodable {
    var object: String?
    var has_more: Bool?
    var data: [Item]
}

struct Item: Decodable {
    var id: String
    var name: String?
    var status: String?
    var scheduled_at: String?
    var sent_at: String?
    var updated_at: String?
    var num_segments: Double?
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    guard let envelope = try? JSONDecoder().decode(Envelope.self, from: bytes) else { return 0 }
    for (index, item) in envelope.data.enumerated() {
        let channel = Channel.allCases[index % Channel.allCases.count]
        let campaign = Campaign(
            id: item.id, channel: channel, name: item.name, status: CampaignStatus(item.status ?? ""),
            scheduledAt: item.scheduled_at.map(Timestamp.init(raw:)), sentAt: item.sent_at.map(Timestamp.init(raw:)),
            updatedAt: item.updated_at.map(Timestamp.init(raw:)))
        _ = campaign.status.isCancellable
        _ = campaign.apiFields
        let shown = Sanitizer.sanitize(campaign.name ?? "")
        precondition(!shown.unicodeScalars.contains(where: Sanitizer.isUnsafe))
        _ = TextLayout.fit(shown, to: 24)
    }
    return 0
}
