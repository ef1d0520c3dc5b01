import Foundation
import CampaignConsole

/// كلمات وضع الأسطر (`--plain`).
extension Arabic {
    public func lineText(_ p: LinePhrase) -> String {
        switch p {
        case .banner(let profile, let badge, let host, let readOnly):
            let b = badge.map { " [" + phrase(.badge($0, short: false)).trimmingCharacters(in: .whitespaces) + "]" } ?? ""
            return "arsel-campaigns — \(profile)\(b) — \(host)\(readOnly ? " — قراءة فقط" : "")"
        case .typeHelp: return "اكتب ? لعرض الأوامر."
        case .note(let text): return "ملاحظة: " + text
        case .channelFailed(let error, let channel): return "خطأ: \(error) — تعذّر تحميل حملات \(self.channel(channel))؛ تبقى المعروضة سابقًا"
        case .changed(let name, let from, let to): return "تغيّرت: \(name): \(status(from)) ← \(status(to))"
        case .heading(let scope, let status, let search, let clock):
            let filter = [status.map { "الحالة \($0)" }, search.map { "الاسم يحتوي «\($0)»" }].compactMap { $0 }
            let title: String
            switch scope {
            case .one(let c): title = "حملات \(channel(c))"
            case .all: title = "كل الحملات"
            }
            let order = scope == .all ? "الأقرب إرسالًا أولًا" : "الأحدث أولًا"
            return "\(title)\(filter.isEmpty ? "" : " (\(filter.joined(separator: "، ")))")، \(order)، الساعة \(clock):"
        case .none: return "  (لا شيء)"
        case .cancellableTag: return "[قابلة للإلغاء] "
        case .moreTypeN: return "  … المزيد: اكتب n"
        case .help:
            return [
                "N          تفاصيل الحملة رقم N",
                "c N [M …]  إلغاء الحملات N و M … (يسأل أولًا)",
                "r          تحديث (تُعلَن التغييرات)",
                "n          الصفحة التالية",
                "s STATUS   هذه الحالة فقط (s وحدها: الكل)",
                "/ TEXT     الأسماء التي تحتوي TEXT فقط (/ وحدها: الكل)",
                "t          تبديل القناة: بريد، SMS، إشعار، الكل",
                "q          خروج",
            ].joined(separator: "\n")
        case .noMore: return "لا مزيد من الحملات"
        case .giveNumbers: return "اكتب أرقام الحملات المراد إلغاؤها، مثل c 3 أو c 3 5"
        case .unknownCommand(let c): return "أمر غير معروف «\(c)»؛ ? يعرض الأوامر"
        case .willCancel(let name, let c, let s): return "ستُلغى: \(name) — \(channel(c)) — \(status(s))"
        case .typeToCancel(let answer, let n): return n == 1 ? "اكتب \(answer) لإلغائها: " : "اكتب \(answer) لإلغاء هذه الحملات (\(n)): "
        case .cancelling(let name): return "جارٍ الإلغاء: \(name)…"
        case .outcome(let mark, let name, let text): return "\(mark) \(name): \(text)"
        case .skipped(let name, let reason): return "تُخطّيت: \(name) — \(reason)"
        case .readOnly(let profile): return "قراءة فقط: الإلغاء معطّل في الملف الشخصي \(profile)"
        case .kept: return "أُبقيت: لم يُلغَ شيء"
        case .recallWarning(let channels):
            let list = channels.isEmpty ? "الرسائل" : channels.map { sends($0, plural: true) }.joined(separator: " و")
            return "\(list) التي سُلّمت للتوصيل لا يمكن استرجاعها؛ يتوقف فقط ما لم يُرسَل بعد."
        case .planned(let counts, let total, let seconds):
            let requests = counted(total, one: "طلب إلغاء واحد", two: "طلبا إلغاء", few: "طلبات إلغاء", many: "طلب إلغاء")
            return "\(phrase(.campaignCounts(counts, total: total))): \(requests) ≈ \(number(seconds)) ث"
        case .channelField(let c): return "  القناة: \(channel(c))"
        }
    }
}
