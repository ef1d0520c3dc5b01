import ArselModel
import CampaignConsole
import CancelSession
import Foundation

/// العربية: the console's words in Arabic. Ids, key names, the API's error `name` and its own
/// message stay as sent; numbers are Western digits unless `arabicDigits` (Saudi business
/// software mostly shows Western ones).
public struct Arabic: Catalog {
    public let language = Language.ar
    public var arabicDigits: Bool
    public var hijri: Bool

    public init(arabicDigits: Bool = false, hijri: Bool = false) {
        self.arabicDigits = arabicDigits
        self.hijri = hijri
    }

    /// "حملة واحدة", "حملتان", "3 حملات", "11 حملة": Arabic counts agree with their noun
    /// (`genitive`: after a noun such as إلغاء, the dual is حملتين).
    func campaigns(_ n: Int, genitive: Bool = false) -> String {
        counted(n, one: "حملة واحدة", two: genitive ? "حملتين" : "حملتان", few: "حملات", many: "حملة")
    }

    /// A count with its noun: 1 and 2 have forms of their own, 3–10 take the plural, 11 and up
    /// the singular.
    func counted(_ n: Int, one: String, two: String, few: String, many: String) -> String {
        if n == 1 { return one }
        if n == 2 { return two }
        return (3...10).contains(n % 100) ? "\(number(n)) \(few)" : "\(number(n)) \(many)"
    }

    public func phrase(_ p: Phrase) -> String {
        switch p {
        case .terminalTooSmall: return "الطرفية صغيرة جدًا"
        case .sizeNeeded(let w, let h, let mw, let mh, let unicode):
            let by = unicode ? "×" : "x"
            return "\(w)\(by)\(h)، المطلوب \(mw)\(by)\(mh)"
        case .keyQuits(let key): return "\(key) للخروج"
        case .cancelStillRunning: return "الإلغاء لا يزال جاريًا"
        case .quitAnywayQuestion: return "الخروج على أي حال؟"
        case .quitOrStay(let q, let s): return "\(q) خروج، \(s) بقاء"
        case .position(let first, let last, let total): return " \(first)–\(last) من \(total) "
        case .badge(.sandbox, let short): return short ? " تجريبية " : " بيئة تجريبية "
        case .badge(.production, let short): return short ? " إنتاج " : " بيئة الإنتاج "
        case .badge(.readOnly, let short): return short ? " قراءة " : " قراءة فقط "
        case .allChannels: return "الكل"
        case .budget(let limit, let remaining): return "الحصة " + phrase(.budgetShort(limit: limit, remaining: remaining))
        case .budgetShort(let limit, let remaining): return remaining.map { "\($0)/\(limit)" } ?? "\(limit)/ث"
        case .paused: return "التحديث متوقف مؤقتًا"
        case .refreshingHeader: return "جارٍ التحديث…"
        case .loadingHeader: return "جارٍ التحميل…"
        case .updated(let age): return "حُدّث \(age)"
        case .staleAge(let age): return "\(age) (قديمة)"
        case .stale: return "قديمة"
        case .justNow: return "الآن"
        case .ago(let age): return "قبل \(age)"
        case .never: return "أبدًا"
        case .span(let span): return Self.span(span)
        case .statusCount(let s, let n): return "\(status(s)) \(n)"
        case .otherCount(let n): return "أخرى \(n)"
        case .loadingCampaigns: return "جارٍ تحميل الحملات…"
        case .noCampaigns: return "لا توجد حملات"
        case .loaded(let parts): return "المحمّل: " + parts.map { "\(channel($0.channel)) \($0.count)\($0.more ? "+" : "")" }.joined(separator: "، ")
        case .moreBelow: return "(المزيد في الأسفل)"
        case .markedCount(let n): return "\(n) محددة"
        case .filterLabel: return "التصفية: "
        case .stoppableFilter: return "القابلة للإيقاف"
        case .sortedBy(let order): return "حسب " + Self.order(order)
        case .nothing: return "—"
        case .column(let c):
            switch c {
            case .channel: return "قناة"
            case .name: return "الاسم"
            case .status: return "الحالة"
            case .when: return "الموعد"
            case .updated: return "آخر تغيير"
            case .note: return "ملاحظة"
            }
        case .loadingCampaignsTable: return "جارٍ تحميل الحملات…"
        case .couldNotLoad(let e): return "تعذّر تحميل الحملات: \(e)"
        case .noCampaignMatches: return "لا توجد حملات مطابقة."
        case .loadingMore: return "جارٍ تحميل المزيد…"
        case .waiting: return "بالانتظار…"
        case .cancellingNote: return "جارٍ الإلغاء…"
        case .rowFailed(let e, let now): return now.map { "لم تُلغَ، حالتها الآن \(status($0)) (\(e.name))" } ?? error(e)
        case .rowUnknown(let key, let by):
            if let by { return "انقطع الإلغاء بسبب \(interruption(by)) — النتيجة مجهولة، تحقّق قبل إعادة المحاولة" }
            return "النتيجة مجهولة — " + (key.map { "اضغط \($0) لإعادة التحقق" } ?? "أعد التحقق")
        case .soon: return "قريبًا"
        case .inMinutes(let m, let clock): return "بعد \(counted(m, one: "دقيقة", two: "دقيقتين", few: "دقائق", many: "دقيقة")) (\(clock))"
        case .justNowAt(let clock): return "الآن (\(clock))"
        case .todayAt(let clock): return "اليوم \(clock)"
        case .tomorrowAt(let clock): return "غدًا \(clock)"
        case .yesterdayAt(let clock): return "أمس \(clock)"
        case .dayAt(let month, let day, let clock): return "\(day) \(self.month(month)) \(clock)"
        case .dateAt(let y, let m, let d, let clock):
            // A Hijri date says so (هـ): 1447 could be read as a Gregorian year.
            if hijri { return "\(d) \(month(m)) \(y) هـ \(clock)" }
            return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d) \(clock)"
        case .inCountdown(let countdown, let clock): return "بعد \(countdown) (\(clock))"
        case .sendingNow: return "يُرسل الآن"
        case .sendingOver(let total): return "يُرسل · على مدى \(total)"
        case .sendingProgress(let elapsed, let total): return "يُرسل · ~\(elapsed) من \(total)"
        case .queued: return "بالانتظار"
        case .queuedDue(let when): return "بالانتظار · موعدها \(when)"
        case .applySearch: return "تطبيق"
        case .clearSearch: return "مسح"
        case .cancelTitle(let n): return n == 1 ? "إلغاء الحملة؟" : "إلغاء \(campaigns(n, genitive: true))؟"
        case .productionTitle(let t): return "الإنتاج — " + t
        case .checkingWithArsel(let n): return n == 1 ? "جارٍ التحقق مع أرسل من أنها لا تزال قابلة للإلغاء…" : "جارٍ التحقق مع أرسل من أنها لا تزال قابلة للإلغاء…"
        case .cannotCancelTitle: return "تعذّر الإلغاء"
        case .noLongerCancellable: return "لم تعد قابلة للإلغاء:"
        case .sends(let when): return "تُرسل \(when)"
        case .campaignID(let id): return "المعرّف \(id)"
        case .plannedCancels(let counts, let total, let seconds, let separator):
            let requests = counted(total, one: "طلب إلغاء واحد", two: "طلبا إلغاء", few: "طلبات إلغاء", many: "طلب إلغاء")
            return "\(phrase(.campaignCounts(counts, total: total))) \(separator) \(requests) ≈ \(number(seconds)) ث"
        case .campaignCounts(let counts, let total):
            return counts.count <= 1
                ? "\(campaigns(total))" + (counts.first.map { " (\(channel($0.channel)))" } ?? "")
                : counts.map { "\($0.count) \(channel($0.channel))" }.joined(separator: "، ")
        case .skipped(let name, let reason): return "تُخطّيت: \(name) — \(reason)"
        case .stopsWhatIsNotHandedOff(let channels):
            return "يوقف الإلغاء \(channels.map { sends($0, plural: true) }.joined(separator: " أو ")) التي لم تُسلَّم بعد للتوصيل."
        case .handedOffCannotBeRecalled(let channels):
            return "\(channels.map { sends($0, plural: true) }.joined(separator: " أو ")) التي سُلّمت للتوصيل لا يمكن استرجاعها."
        case .typeCountPrompt(let n): return "اكتب \(number(n)) للتأكيد: "
        case .typeCountToConfirm(let n): return "اكتب \(number(n)) للتأكيد"
        case .cancelButton(let n, let short):
            return n == 1 ? (short ? "إلغاء" : "إلغاء الحملة") : (short ? "إلغاء \(number(n))" : "إلغاء \(campaigns(n, genitive: true))")
        case .keepButton: return "إبقاء"
        case .quitTitle: return "خروج؟"
        case .quitQuestion: return "لا يزال إلغاء قيد التنفيذ — الخروج على أي حال؟"
        case .quitConsequence: return "(ستبقى نتيجته مجهولة)"
        case .keysTitle: return "المفاتيح"
        case .keyTableHeader: return "| المفاتيح | ما تفعله |"
        case .section(.dialog): return "في نافذة الإلغاء"
        case .section(.overlay): return "في المساعدة والرسائل والتفاصيل"
        case .section(.input): return "عند خانة البحث"
        case .disabledReadOnly: return "معطّل (قراءة فقط): "
        case .budgetLegend(let limit):
            let rate = counted(limit, one: "طلب واحد", two: "طلبان", few: "طلبات", many: "طلبًا")
            return "الحصة \(limit)/ث: \(rate) في الثانية لمؤسستك، يتشاركها كل مفتاح وكل شخص؛ "
                + "0/\(limit) حين يستهلكها غيرك (تنتظر طلباتك)"
        case .campaignTitle: return "حملة"
        case .field(.channel): return "القناة"
        case .field(.timesIn): return "المنطقة الزمنية"
        case .cancellableAfterClosing(let key): return "قابلة للإلغاء: اضغط \(key) بعد الإغلاق"
        case .notCancellableBecause(let reason): return "غير قابلة للإلغاء: \(reason)"
        case .messagesTitle: return "الرسائل"
        case .noMessagesYet: return "لا رسائل بعد."
        case .hint(let h): return Self.hint(h)
        }
    }

    static func order(_ o: CampaignConsole.SortOrder) -> String {
        switch o {
        case .listed: return "الورود"
        case .when: return "الموعد"
        case .status: return "الحالة"
        case .name: return "الاسم"
        case .updated: return "آخر تغيير"
        }
    }

    static func hint(_ h: Phrase.Hint) -> String {
        switch h {
        case .cancel: return "إلغاء"
        case .mark: return "تحديد"
        case .search: return "بحث"
        case .stoppable: return "القابلة للإيقاف"
        case .status: return "الحالة"
        case .sort: return "ترتيب"
        case .channel: return "القناة"
        case .refresh: return "تحديث"
        case .details: return "تفاصيل"
        case .help: return "مساعدة"
        case .quit: return "خروج"
        case .waits: return "ينتظر"
        case .closes: return "يغلق"
        case .keeps: return "يُبقي"
        case .asksForCount: return "اكتب العدد"
        case .wrongCount: return "عدد خاطئ"
        case .cancels: return "يلغي"
        case .keep: return "إبقاء"
        case .close: return "إغلاق"
        case .move: return "تنقّل"
        case .more: return "المزيد"
        case .quitAnyway: return "خروج على أي حال"
        case .stay: return "بقاء"
        case .down: return "أسفل"
        case .up: return "أعلى"
        case .page: return "صفحة"
        }
    }

    static func span(_ span: Phrase.Span) -> String {
        switch span {
        case .now: return "الآن"
        case .underAMinute: return "<1د"
        case .parts(let d, let h, let m, let s):
            // ي يوم، س ساعة، د دقيقة، ث ثانية.
            let parts = [(d, "ي"), (h, "س"), (m, "د"), (s, "ث")].filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }
            return parts.isEmpty ? "0ث" : parts.joined(separator: " ")
        }
    }

    public func notice(_ n: Notice) -> String {
        switch n {
        case .readOnly(let profile): return "قراءة فقط: الإلغاء معطّل في الملف الشخصي \(profile)"
        case .cancelAlreadyRunning: return "إلغاء آخر قيد التنفيذ؛ انتظر حتى ينتهي"
        case .notCancellable(let s): return notCancellable(s)
        case .nothingToCancelYet: return "لا شيء للإلغاء بعد: القائمة لا تزال تُحمَّل"
        case .nothingToCancel: return "لا شيء للإلغاء: لا توجد حملة في القائمة"
        case .noMarkedCancellable: return "لا يمكن إلغاء أي من الحملات المحددة"
        case .kept: return "أُبقيت: لم يُلغَ شيء"
        case .cancelled(let message, let confirmed, let name): return "✓ \(cancelledMessage(message))\(confirmed ? " (مؤكَّد بإعادة القراءة)" : "") — \(name)"
        case .cancelFailed(let e, let name): return "✗ \(error(e)) — \(name)"
        case .notCancelledNow(let s, let errorName, let name): return "✗ لم تُلغَ، حالتها الآن \(status(s)) (\(errorName)) — \(name)"
        case .outcomeUnknown(let e, let name, let key):
            return "? النتيجة مجهولة (\(error(e))) — \(name)" + (key.map { "؛ اضغط \($0) لإعادة التحقق قبل المحاولة مجددًا" } ?? "؛ أعد التحقق قبل المحاولة مجددًا")
        case .runSummary(let cancelled, let total, let failed, let unknown, let retryKey):
            var text = "أُلغيت \(number(cancelled)) من \(number(total))"
            if failed > 0 { text += "، فشلت \(number(failed))" }
            if unknown > 0 { text += "، مجهولة \(number(unknown))" }
            if let retryKey { text += " — \(retryKey) يعيد محاولة الفاشلة" }
            return text
        case .interruptedInFlight(let by):
            let what: String
            switch by {
            case .quit: what = "خرجتَ"
            case .signal(let name): what = "وصلت الإشارة \(name)"
            }
            return "\(what) أثناء إرسال إلغاء: نتيجته مجهولة — تحقّق قبل إعادة المحاولة"
        case .queuedNotSent(let n): return "لم يُرسَل \(number(n)) من طلبات الإلغاء المنتظرة"
        case .noFailedCancels: return "لا توجد عمليات إلغاء فاشلة لإعادتها"
        case .noCancellableToMark: return "لا توجد حملة قابلة للإلغاء لتحديدها"
        case .markedCancellable(let n): return "حُدّدت \(number(n)) من الحملات القابلة للإلغاء"
        case .sorted(let order): return order == .listed ? "مرتّبة كما وردت" : "مرتّبة حسب " + Self.order(order)
        case .autoRefresh(let paused, let key): return paused ? "أُوقف التحديث التلقائي" + (key.map { " (\($0) لا يزال يحدّث)" } ?? "") : "استؤنف التحديث التلقائي"
        case .cancelFinishedQuit(let key): return "انتهى الإلغاء" + (key.map { "؛ \($0) للخروج" } ?? "")
        case .refreshing: return "جارٍ التحديث…"
        case .refreshFailed(let channel, let e, let last, let wait):
            let which = channel.map { " (\(self.channel($0)))" } ?? ""
            return "فشل التحديث\(which): \(error(e)) — البيانات المعروضة من \(last.map { "قبل " + $0 } ?? "لا وقت")؛ إعادة المحاولة بعد \(wait) ث"
        case .loadingMoreFailed(let e): return "فشل تحميل المزيد: \(error(e))"
        case .changed(let changes):
            let each = changes.map { "«\($0.name)» (\(channel($0.channel))) حالتها الآن \(status($0.status))" }
            return each.count == 1 ? each[0] : "تغيّرت \(campaigns(each.count)): " + each.joined(separator: "؛ ")
        case .resolved(let r, let clock): return resolution(r, clock: clock)
        }
    }

    func interruption(_ i: Interruption) -> String {
        switch i {
        case .quit: return "الخروج"
        case .signal(let name): return "الإشارة \(name)"
        }
    }

    public func status(_ s: CampaignStatus) -> String {
        switch s {
        case .draft: return "مسودة"
        case .scheduled: return "مجدولة"
        case .queued: return "منتظرة"
        case .sending: return "قيد الإرسال"
        case .sent: return "مُرسَلة"
        case .paused: return "متوقفة"
        case .failed: return "فاشلة"
        case .cancelled: return "ملغاة"
        case .archived: return "مؤرشفة"
        case .unknown(let raw): return raw
        }
    }

    public func channel(_ c: Channel) -> String {
        switch c {
        case .email: return "بريد"
        case .sms: return "SMS"
        case .push: return "إشعار"
        }
    }

    public func sends(_ c: Channel, plural: Bool) -> String {
        switch c {
        case .email: return plural ? "رسائل البريد" : "رسالة بريد"
        case .sms: return plural ? "الرسائل النصية" : "رسالة نصية"
        case .push: return plural ? "الإشعارات" : "إشعار"
        }
    }

    public func notCancellable(_ s: CampaignStatus) -> String {
        switch s {
        case .sent, .failed, .cancelled: return "لا يمكن إلغاء حملة \(status(s))"
        case .draft: return "المسودات لم تُرسَل؛ لا شيء لإلغائه"
        case .paused: return "لا يمكن إلغاء الحملات المتوقفة عبر الواجهة البرمجية"
        case .archived: return "لا يمكن إلغاء الحملات المؤرشفة"
        case .unknown(let raw): return "الحالة «\(raw)» ليست مما تسمح الواجهة البرمجية بإلغائه"
        case .scheduled, .queued, .sending: return ""
        }
    }

    public func outcome(_ o: CancelOutcome) -> String {
        switch o {
        case .cancelled(let message, let confirmed):
            let said = cancelledMessage(message)
            return confirmed ? "\(said) (مؤكَّد بإعادة قراءة الحملة)" : said
        case .failed(let e):
            return error(e)
        case .notCancelled(let s, let e):
            return "لم تُلغَ: حالة الحملة \(status(s)) (بعد \(error(e)))"
        case .unknown(let e):
            return "النتيجة مجهولة: \(error(e))؛ تعذّرت إعادة قراءة الحملة — تحقّق منها قبل إعادة المحاولة"
        }
    }

    public func skip(_ r: CancelPlan.SkipReason) -> String {
        switch r {
        case .status(let s): return notCancellable(s)
        case .noAnswer: return "لا رد من أرسل: لم تُلغَ"
        case .answeredAboutAnother(let ref): return "ردّ أرسل عن حملة أخرى (\(ref)): لم تُلغَ"
        case .nowNotCancellable(let s): return "حالتها الآن \(status(s)): لا يمكن إلغاؤها"
        case .rereadFailed(let e): return "تعذّرت إعادة قراءتها: \(error(e))"
        }
    }

    public func resolution(_ r: UnknownResolution, clock: String) -> String {
        let what = "«\(r.cancel.name ?? r.cancel.ref.id)» (\(channel(r.cancel.ref.channel))، \(clock))"
        switch r.verdict {
        case .cancelled:
            return "أُعيد التحقق من إلغاء سابق: \(what) ملغاة"
        case .stillCancellable(let s):
            return "أُعيد التحقق من إلغاء سابق: \(what) لا تزال \(status(s)) — لم تُلغَ؛ إلغاؤها مجددًا يعيد إرسال مفتاح عدم التكرار نفسه"
        case .notStopped(let s):
            return "أُعيد التحقق من إلغاء سابق: \(what) حالتها \(status(s)) — لم تُوقَف"
        case .gone:
            return "أُعيد التحقق من إلغاء سابق: \(what) لم تعد موجودة"
        case .stillUnknown(let e):
            return "إلغاء سابق لا يزال مجهولًا: \(what) — فشلت إعادة قراءتها (\(error(e)))؛ يُعاد التحقق عند التشغيل التالي أو بالأمر audit --resolve"
        }
    }

    public func month(_ m: Int) -> String {
        let names = hijri
            ? ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]
            : ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
        return (1...12).contains(m) ? names[m - 1] : String(m)
    }
}
