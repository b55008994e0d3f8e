"""The search evaluation: spellings a Persian reader expects to match, and false friends that must not.

Each case is (class, text the article is written in, query the reader types). ``TUNED`` are the
words the tokeniser's rules and lists were written against; ``HELD_OUT`` were written down before
those rules and never added to ``rasad/search/data`` (a test checks that), so they measure the rules
in general rather than a list of words. Broken plurals and names are matched through tables by
design, so only their tuned cases are here. ``test_evaluation.py`` runs every case through the
search page, on whichever database the suite runs on.
"""

from __future__ import annotations

# Must find the article.
TUNED_PAIRS = [
    ("plural ـیان after a vowel", "دانشجویان دانشگاه تهران", "دانشجو"),
    ("plural ـیان after a vowel", "گفت‌وگو با یک دانشجو", "دانشجویان"),
    ("plural ـها without half-space", "دانشجوها و استادان", "دانشجو"),
    ("ـات on a word in ـه", "ملاحظات امنیتی همسایگان", "ملاحظه"),
    ("ـات on a word in ـه", "یک ملاحظهٔ مهم", "ملاحظات"),
    ("ـه‌ای without half-space", "نقش رسانهای اجتماعی", "رسانه‌ای"),
    ("ـه‌ای without half-space", "برنامهٔ هسته‌ای", "هستهای"),
    ("person plural ـان", "دیدگاه کارشناسان اقتصادی", "کارشناس"),
    ("person plural ـگان", "نشست نمایندگان مجلس", "نماینده"),
    ("broken plural", "اسناد محرمانه منتشر شد", "سند"),
    ("broken plural", "منابع آب زیرزمینی", "منبع"),
    ("broken plural", "روابط تهران و ریاض", "رابطه"),
    ("broken plural", "مسائل منطقه‌ای خاورمیانه", "مسئله"),
    ("broken plural", "قانون تازهٔ مهاجرت", "قوانین"),
    ("hamza seats", "جرئت تصمیم‌گیری", "جرأت"),
    ("hamza seats", "جرأت تصمیم‌گیری", "جرات"),
    ("hamza seats", "جرات تصمیم‌گیری", "جرئت"),
    ("hamza seats", "مسئول پرونده", "مسؤول"),
    ("hamza seats", "مسؤول پرونده", "مسول"),
    ("hamza seats", "مسول پرونده", "مسئول"),
    ("compound: half-space / nothing", "نقش شرکت‌کنندگان در نشست", "شرکتکنندگان"),
    ("compound: nothing / half-space", "سایر شرکتکنندگان در اجلاس", "شرکت‌کنندگان"),
    ("compound in a phrase", "سایر شرکتکنندگان نشست ژنو", '"شرکت‌کنندگان نشست"'),
    ("name: acronym / Persian", "گسترش ناتو به شرق", "NATO"),
    ("name: Persian / Latin", "نشست سران NATO در لاهه", "ناتو"),
    ("name: Persian / acronym", "قطعنامهٔ تازهٔ سازمان ملل", "UN"),
    ("name: Persian spellings", "سفر اردوغان به آنکارا", "اردوگان"),
    ("typing: short last word", "اثر تحریم‌ها بر صادرات", "تحریم ص"),
    ("typing: short last word", "اثر تحریم‌ها بر صادرات", "تحریم صا"),
    ("typo", "چشم‌انداز اقتصاد جهانی", "اقتصاددد "),
]
# Must not find the article.
TUNED_FALSE_FRIENDS = [
    ("word ending like ـان", "میز مذاکره آماده شد", "میزان"),
    ("word ending like ـان", "میزان تورم بالا رفت", "میز"),
    ("word ending like ـات", "ثبت رسمی شرکت", "ثبات"),
    ("word of its own in ـات", "اطلاع‌رسانی به موقع", "اطلاعات"),
    ("word of its own in ـات", "اطلاعات سپاه", "اطلاع"),
    ("word of its own in ـات", "انتخاب وزیر", "انتخابات"),
    ("word of its own in ـات", "انتخابات مجلس", "انتخاب"),
    ("word of its own in ـات", "مرکز مطالعات راهبردی", "مطالعه"),
    ("place name in ـان", "سود بانکی", "سودان"),
    ("place name in ـان", "سودان جنوبی", "سود"),
    ("place name in ـان", "کرم ابریشم", "کرمان"),
]

# Written before the rules and lists; none of these words is in rasad/search/data.
HELD_OUT_PAIRS = [
    ("person plural ـان", "خبرنگاران خارجی", "خبرنگار"),
    ("person plural ـان", "یک خبرنگار خارجی", "خبرنگاران"),
    ("plural ـیان after a vowel", "سخنگویان دولت", "سخنگو"),
    ("plural ـیان after a vowel", "جنگجویان محلی", "جنگجو"),
    ("plural ـیان on ـی", "افغانستانیان مقیم", "افغانستانی"),
    ("person plural ـان", "تحلیلگران بازار", "تحلیلگر"),
    ("person plural ـان", "مهندسان نفت", "مهندس"),
    ("person plural ـان", "دبیران مدارس", "دبیر"),
    ("person plural ـان", "ناظران بین‌المللی", "ناظر"),
    ("ـات on a word in ـه", "مشاهدات میدانی", "مشاهده"),
    ("ـات on a word in ـه", "معاملات نفتی", "معامله"),
    ("ـات on a word in ـه", "مقالات علمی", "مقاله"),
    ("ـات on a stem", "اقدامات تلافی‌جویانه", "اقدام"),
    ("ـه‌ای without half-space", "همکاری منطقهای", "منطقه‌ای"),
    ("ـه‌ای without half-space", "ارتش حرفه‌ای", "حرفهای"),
    ("ـه‌ای without half-space", "تصمیم لحظهای", "لحظه‌ای"),
    ("plural ـها without half-space", "پهپادها و موشکها", "موشک"),
    ("hamza seats", "تأسیس دفتر تازه", "تاسیس"),
    ("hamza seats", "تاسیس دفتر تازه", "تأسیس"),
    ("hamza seats", "نفوذ مؤثر", "موثر"),
    ("hamza seats", "تأمین مالی", "تامین"),
    ("hamza seats", "ماموریت تازه", "مأموریت"),
    ("hamza seats", "سؤال اصلی", "سوال"),
    ("hamza seats", "رأی مردم", "رای"),
    ("hamza seats", "تئاتر شهر", "تیاتر"),
    ("hamza seats", "مسئولیت اجتماعی", "مسولیت"),
    ("hamza seats", "مسؤولان محلی", "مسئولان"),
    ("compound: half-space / nothing", "سرمایه‌گذاران خارجی", "سرمایهگذاران"),
    ("compound: nothing / half-space", "سرمایهگذاران خارجی", "سرمایه‌گذاران"),
    ("compound: plural / singular", "سرمایه‌گذاران خارجی", "سرمایهگذار"),
    ("compound in a phrase", "تصمیمگیرندگان ارشد", '"تصمیم‌گیرندگان ارشد"'),
    ("compound in a phrase", "جامعهٔ بین‌المللی", "«جامعه بینالمللی»"),
    ("typo", "مذاکرات هسته‌ای وین", "مذکرات "),
    ("typo", "دیپلماسی عمومی", "دیپلماصی "),
    ("typing: short last word", "کمبود آب در خوزستان", "کمبود خ"),
]
HELD_OUT_FALSE_FRIENDS = [
    ("word ending like ـان", "زند و اوستا", "زندان"),
    ("word ending like ـان", "یک لیوان آب", "آبان"),
    ("word ending like ـان", "کم و زیاد", "کمان"),
    ("word ending like ـان", "گرد و غبار", "گردان"),
    ("word ending like ـان", "جیر مصنوعی", "جیران"),
    ("word ending like ـان", "پور و نوه", "پوران"),
    ("word ending like ـیات", "رفتار اخلاقی", "اخلاقیات"),
    ("hamza seats", "سال آینده", "سؤال"),
    ("hamza seats", "سؤال آینده", "سال"),
]

CASES_MUST_MATCH = TUNED_PAIRS + HELD_OUT_PAIRS
CASES_MUST_NOT_MATCH = TUNED_FALSE_FRIENDS + HELD_OUT_FALSE_FRIENDS
