import ArselModel
import Foundation

/// Errors in Arabic: what is ours is translated; the API's `name` and its own message, ids,
/// paths, URLs, HTTP codes, environment variables and the networking library's text stay as
/// they are.
extension Arabic {
    public func message(_ e: ArselError) -> String {
        switch e {
        case .api(let f):
            if f.statusCode == 429, let wait = f.retryAfter, wait > .zero {
                return "\(f.message) (يطلب الخادم الانتظار \(wait.components.seconds) ث)"
            }
            return f.message
        case .transport(let t): return transport(t.detail)
        case .undecodable(let status, let snippet):
            return "HTTP \(status) بمحتوى ليس JSON الواجهة البرمجية" + (snippet.isEmpty ? "" : ": \(snippet)")
        case .redirect(let status, let location):
            return "رُفضت إعادة توجيه HTTP \(status) إلى \(location ?? "لا مكان")؛ تحقّق من العنوان الأساسي (المفتاح لا يُرسَل إليها أبدًا)"
        case .unexpectedResponse(let status, let why): return "رد HTTP \(status) غير موثوق: \(distrust(why))"
        case .configuration(let p): return problem(p)
        }
    }

    public func cancelledMessage(_ apiMessage: String?) -> String { apiMessage ?? "أُلغيت الحملة" }

    public func problem(_ p: ConfigurationProblem) -> String {
        switch p {
        case .emptyKey: return "مفتاح الواجهة البرمجية فارغ"
        case .keyCharacters: return "مفتاح الواجهة البرمجية يحتوي على مسافات أو محارف تحكّم أو محارف خارج ASCII"
        case .keyFileIsSymlink(let path): return "ملف المفتاح \(path) رابط رمزي؛ أشِر إلى الملف نفسه"
        case .keyFileMissing(let path): return "ملف المفتاح \(path) غير موجود"
        case .keyFilePermissionDenied(let path): return "تعذّرت قراءة ملف المفتاح \(path) (الإذن مرفوض)"
        case .keyFileCannotOpen(let path, let code): return "تعذّر فتح ملف المفتاح \(path) (errno \(code))"
        case .keyFileCannotInspect(let path): return "تعذّر فحص ملف المفتاح \(path)"
        case .keyFileNotRegular(let path): return "ملف المفتاح \(path) ليس ملفًا عاديًا"
        case .keyFileOwner(let path, let owner, let uid):
            return "ملف المفتاح \(path) يملكه المستخدم uid \(owner) لا أنت (uid \(uid))؛ لن يُستخدم"
        case .keyFileMode(let path, let mode):
            return "ملف المفتاح \(path) متاح لغيرك (الصلاحيات \(String(mode, radix: 8)))؛ نفّذ: chmod 600 \(path)"
        case .keyFileUnreadable(let path): return "تعذّرت قراءة ملف المفتاح \(path)"
        case .keyFileTooLarge(let path): return "ملف المفتاح \(path) أكبر من أن يكون مفتاحًا"
        case .keyFileContent(let path, let inner): return "ملف المفتاح \(path): \(problem(inner))"
        case .keyVariable(let name, let inner): return "\(name): \(problem(inner))"
        case .noKey:
            return "لا يوجد مفتاح للواجهة البرمجية: عيّن ARSEL_API_KEY، أو مرّر --api-key-file PATH (ملف لا يقرؤه غيرك، chmod 600)"
        case .baseURLNotAbsolute(let text): return "العنوان الأساسي «\(text)» ليس عنوان http(s) مطلقًا"
        case .plainHTTPToRemote(let host):
            return "رُفض http:// إلى \(host): سيعبر مفتاح الواجهة البرمجية الشبكة نصًّا غير مشفّر (استخدم https://، أو عنوان loopback للبيئة التجريبية)"
        case .baseURLScheme(let text): return "العنوان الأساسي «\(text)» يجب أن يستخدم https:// (أو http:// إلى عنوان loopback)"
        case .fieldsNotJSON(let reason): return "حقول لا يمكن تمثيلها في JSON: \(reason)"
        case .channelNotInContract(let raw): return "القناة \(raw) ليست في عقد الواجهة البرمجية"
        case .notAttempted: return "لم تُجرَ أي محاولة"
        case .other(let text): return text
        }
    }

    public func transport(_ d: TransportDetail) -> String {
        switch d {
        case .noAnswerWithin(let timeout): return "لم يصل رد كامل خلال \(seconds(timeout))"
        case .deadlineExceeded: return "انقضت المهلة"
        case .connectTimeout: return "تعذّر الاتصال خلال مهلة الاتصال"
        case .noAnswerInTime: return "لم يُجب الخادم في الوقت المحدد"
        case .closedBeforeAnswering: return "أغلق الخادم الاتصال قبل أن يُجيب"
        case .cancelled: return "أُلغي الطلب"
        case .tlsHandshakeTimeout: return "انتهت مهلة مصافحة TLS"
        case .hostDidNotResolve(let host): return "تعذّر العثور على عنوان للمضيف \(host)"
        case .refusedBy(let host, let port): return "رفض \(host):\(port) الاتصال"
        case .couldNotConnect(let host, let port, let reason): return "تعذّر الاتصال بـ \(host):\(port): \(reason)"
        case .couldNotResolveOrConnect(let host, let port): return "تعذّر العثور على \(host):\(port) أو الاتصال به"
        case .refused: return "رُفض الاتصال"
        case .resetByServer: return "قطع الخادم الاتصال"
        case .connectionTimedOut: return "انتهت مهلة الاتصال"
        case .ioError(let code): return "خطأ في الإدخال/الإخراج \(code)"
        case .closedBeforeComplete: return "انقطع الاتصال قبل اكتمال الرد"
        case .tlsFailed(let text): return "فشل TLS: \(text)"
        case .library(let text), .other(let text): return "خطأ في الاتصال (\(text))"
        }
    }

    public func distrust(_ d: Distrust) -> String {
        switch d {
        case .listEntryWithoutID: return "عنصر في القائمة بلا معرّف"
        case .morePagesThanLimit(let pages): return "لا يزال الخادم يدّعي وجود المزيد بعد \(pages) صفحة؛ توقّف التصفّح"
        case .emptyPageClaimingMore: return "يدّعي الخادم وجود صفحات أخرى لكنه أرسل صفحة فارغة؛ توقّف التصفّح"
        case .repeatedCursor(let cursor): return "كرّر الخادم المؤشر \(cursor) أو لم يُرسل أي حملة جديدة؛ توقّف التصفّح"
        case .cancelConfirmsNothing: return "رد الإلغاء لا يؤكّد شيئًا (لا رسالة ولا معرّف هذه الحملة)"
        case .answerNamesNoCampaign: return "الرد لا يذكر أي حملة"
        case .answerAboutAnother(let asked, let got): return "الرد عن الحملة \(got) لا عن \(asked)"
        case .answerAboutAnotherRef(let asked, let got): return "الرد عن \(got) لا عن \(asked)"
        case .pageLargerThanLimit(let limit): return "صفحة فيها أكثر من \(limit) حملة والمطلوب \(limit)"
        case .answerTooLarge(let mebibytes): return "رد أكبر من \(mebibytes) MiB، رُفض دون قراءته"
        }
    }

    /// "30 ث", "2.5 ث".
    func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return s == s.rounded() ? "\(Int(s)) ث" : String(format: "%.1f ث", s)
    }
}
