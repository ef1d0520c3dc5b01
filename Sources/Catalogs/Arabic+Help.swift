import CampaignConsole

/// ما يفعله كل مفتاح: for help and the README's Arabic key table.
extension Arabic {
    public func help(_ command: Command, keys: Keymap) -> String {
        switch command {
        case .up: return "صعودًا"
        case .down: return "نزولًا"
        case .pageUp: return "صفحة للأعلى"
        case .pageDown: return "صفحة للأسفل"
        case .top: return "الحملة الأولى"
        case .bottom: return "آخر حملة محمّلة"
        case .details: return "تفاصيل الحملة"
        case .cancel: return "إلغاء الحملة المختارة (أو المحددة)"
        case .mark: return "تحديد والنزول"
        case .markAll: return "تحديد كل حملة ظاهرة قابلة للإلغاء"
        case .clearMarks: return "مسح التحديد"
        case .search: return "تصفية بالاسم" + (keys.input.label(.clear).map { " (\($0) يمسح)" } ?? "")
        case .cycleStatus: return "تبديل تصفية الحالة (الكل، القابلة للإيقاف، ثم كل حالة)"
        case .stoppable: return "عرض ما يمكن إيقافه فقط (مجدولة، منتظرة، قيد الإرسال)، أو الكل مجددًا"
        case .sort: return "تبديل الترتيب: الموعد، الحالة، الاسم، آخر تغيير"
        case .switchChannel: return "تبديل القناة (بريد ← SMS ← إشعار ← الكل)"
        case .refresh: return "تحديث الآن"
        case .pause: return "إيقاف التحديث التلقائي أو استئنافه"
        case .help: return "هذه المساعدة"
        case .messages: return "سجل الرسائل"
        case .retryFailed: return "إعادة محاولة عمليات الإلغاء الفاشلة"
        case .dismiss: return "إخفاء ملاحظة الصف المختار"
        case .quit: return "خروج" + (keys.overlay.label(.close).map { " (\($0) يغلق النافذة المفتوحة أولًا)" } ?? "")
        }
    }

    public func help(_ command: DialogCommand, keys: Keymap) -> String {
        switch command {
        case .confirm: return "الإلغاء الآن (في نافذة الخروج: الخروج على أي حال)"
        case .keep: return "إبقاء: الإغلاق دون إلغاء"
        case .press: return "ضغط الزر المُركَّز عليه (إبقاء ما لم يُنقل التركيز)"
        case .moveFocus: return "التنقل بين إبقاء وإلغاء"
        case .up: return "تمرير قائمة الحملات للأعلى"
        case .down: return "تمرير قائمة الحملات للأسفل"
        case .pageUp: return "تمرير صفحة للأعلى"
        case .pageDown: return "تمرير صفحة للأسفل"
        case .top: return "التمرير إلى البداية"
        case .bottom: return "التمرير إلى النهاية (التحذير)"
        }
    }

    public func help(_ command: OverlayCommand, keys: Keymap) -> String {
        switch command {
        case .close: return "إغلاق"
        case .up: return "تمرير للأعلى"
        case .down: return "تمرير للأسفل"
        case .pageUp: return "صفحة للأعلى"
        case .pageDown: return "صفحة للأسفل"
        case .top: return "إلى البداية"
        case .bottom: return "إلى النهاية"
        }
    }

    public func help(_ command: InputCommand, keys: Keymap) -> String {
        switch command {
        case .apply: return "تطبيق البحث"
        case .clear: return "مسح البحث وإغلاق الخانة"
        case .erase: return "حذف آخر حرف"
        }
    }
}
