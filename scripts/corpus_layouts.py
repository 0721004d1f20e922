"""Layouts for scripts/make-corpus: one article as a text dump or as a saved web page.


An article is a dict of clean Unicode parts (header date, title, dateline + lead, captions,
body paragraphs, byline). `text_dump` writes it in the family of layouts of the seed and
input/ (optional `Thứ …, dd/mm/yyyy` header, blank-line paragraphs, captions after the lead,
a byline line); the `*_page` functions write it as the HTML of a 2000s table-and-font site,
a 2010s div site, or a modern HTML5 page. They return a list of str pieces (paragraphs
apart) that the caller encodes piece by piece, so that a paragraph seen before is not
encoded again.
Every choice is drawn from the random.Random it is given, so output depends only on the seed.
"""

import datetime
import html

WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
AGENCIES = ["LSO", "TTXVN", "Baonghean.vn", "QNO", "PLO", "TTO", "SKĐS", "VTV.vn", "CAO", "BĐT"]
PARTS_OF_DAY = ["Ngày", "Sáng", "Chiều", "Tối", "Trưa"]
BYLINES = [
    "NGUYỄN VĂN AN", "ĐỖ HOẠT", "Minh Anh (TTXVN)", "Tin, ảnh: Phương Thảo", "H.T",
    "ĐĂNG KHOA", "MINH THƯ", "TRẦN MAI", "LÊ HOA", "Theo TTXVN", "Thanh Hà (TTXVN)",
    "NGỌC ÁNH", "Theo Báo Lạng Sơn", "ĐỨC ANH", "Hoàng Long", "Võ Hải",
]
PHOTOGRAPHERS = ["Hoàng Long", "Q.T", "Lê Hoa", "CTV", "Minh Tâm/TTXVN", "Giang Huy", "minh họa"]
MENU = ["Trang chủ", "Thời sự", "Kinh tế", "Văn hóa", "Xã hội", "Thể thao", "Pháp luật", "Liên hệ"]


def article(rng, pools):
    day = datetime.date(1998, 1, 1) + datetime.timedelta(days=rng.randrange(9000))
    # Paragraphs of one to four consecutive sentences of the same source article, kept as
    # lists of sentences: the caller encodes each sentence once per run, not each paragraph.
    sentences, at = pools.paragraphs, rng.randrange(len(pools.paragraphs))
    body = []
    for _ in range(rng.randint(5, 16)):
        take = rng.randint(1, 4)
        body.append([sentences[(at + i) % len(sentences)] for i in range(take)])
        at += take
    captions = []
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        caption = rng.choice(pools.titles).rstrip(".")
        credit = rng.choice(["", " Ảnh: {}", " (Ảnh: {})"]).format(rng.choice(PHOTOGRAPHERS))
        captions.append(caption + credit)
    return {
        "date": day,
        "title": rng.choice(pools.titles).rstrip("."),
        "dateline": dateline(rng, day),
        "lead": rng.choice(pools.leads),
        "captions": captions,
        "body": body,
        "byline": rng.choice(BYLINES) if rng.random() < 0.8 else None,
    }


def dateline(rng, day):
    agency = rng.choice(AGENCIES)
    shape = rng.choice(["({}) - ", "{}-", "({}) – ", "{} - ", "({})- ", ""]).format(agency)
    when = rng.choice(["", "{} {}/{}, ", "{} {}/{}/{}, ", "{} {}-{}-{}, "])
    return shape + when.format(rng.choice(PARTS_OF_DAY), day.day, day.month, day.year)


def header_date(rng, day):
    weekday = WEEKDAYS[day.weekday()]
    space = rng.choice([" ", " ", "  ", "\u00a0", "\u00a0 "])
    shape = rng.choice(["{:02d}/{:02d}/{}", "{}/{}/{}"])
    return weekday + "," + space + shape.format(day.day, day.month, day.year)


def text_dump(rng, a):
    lines = []  # every line is a list of pieces; [] is a blank line
    if rng.random() < 0.75:
        lines += [[header_date(rng, a["date"])], []]
    lines += [[a["title"]], [], [a["dateline"], a["lead"]], []]
    if rng.random() < 0.3:
        lines.append([])
    captions = [[c] for c in a["captions"]]
    if captions:
        caption = captions.pop(0)[0]
        cut = caption.find(" ", len(caption) // 2)
        lines += [[caption[:cut] + "\n" + caption[cut + 1:]] if cut > 0 and rng.random() < 0.3 else [caption], []]
    for n, paragraph in enumerate(a["body"]):
        lines += [joined(paragraph, " "), []]
        if captions and n == 1:
            lines += [captions.pop(0), []]
    if a["byline"]:
        lines.append([a["byline"]])
    while lines and not lines[-1]:
        lines.pop()
    pieces = [piece for line in lines for piece in (*line, "\n")]
    return pieces if rng.random() < 0.9 else pieces[:-1]


def joined(sentences, separator):
    """Pieces of a paragraph: its sentences with `separator` between them."""
    pieces = []
    for sentence in sentences:
        pieces += [sentence, separator]
    return pieces[:-1]


def esc(text):
    return html.escape(text, quote=False)


def old_table_page(rng, a, charset, font):
    """A 2000s page: tables, <font>, <br> paragraphs; legacy pages name their font."""
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n' if charset else ""
    menu = "<br>\n".join(f'<a href="/m{i}.htm">{esc(m)}</a>' for i, m in enumerate(MENU))
    figures = "".join(
        f'<table align="center" width="400"><tr><td><img src="/p/{i}.jpg" width="400"></td></tr>'
        f'<tr><td align="center"><font face="{font}" size="1">{esc(c)}</font></td></tr></table>\n'
        for i, c in enumerate(a["captions"])
    )
    body = [piece for p in a["body"] for piece in (*joined(map(esc, p), " "), "<br><br>\n")]
    byline = f'<p align="right"><font face="{font}" size="2"><b>{esc(a["byline"])}</b></font></p>\n' if a["byline"] else ""
    return [
        f"<html>\n<head>\n{meta}<title>{esc(a['title'])}</title>\n</head>\n<body bgcolor=\"#FFFFFF\">\n"
        '<table width="780" border="0" cellpadding="0" cellspacing="0" align="center">\n'
        '<tr><td colspan="2"><img src="/images/banner.gif" width="780" height="90"></td></tr>\n'
        f'<tr><td colspan="2"><font face="{font}" size="1">{esc(header_date(rng, a["date"]))}</font></td></tr>\n'
        f'<tr>\n<td width="160" valign="top" class="menu">\n{menu}\n</td>\n<td width="620" valign="top">\n'
        f'<font face="{font}" size="4" color="#003399"><b>{esc(a["title"])}</b></font><br><br>\n'
        f'<font face="{font}" size="2"><b>{esc(a["dateline"] + a["lead"])}</b></font><br><br>\n'
        f'{figures}<font face="{font}" size="2">\n',
        *body,
        f'</font>\n{byline}'
        '<table width="100%" class="tinkhac"><tr><td><b>Tin khác:</b></td></tr>\n'
        + "".join(f'<tr><td><a href="/a{i}.htm">{esc(m)} {i}</a></td></tr>\n' for i, m in enumerate(MENU[:4]))
        + "</table>\n</td>\n</tr>\n"
        f'<tr><td colspan="2" align="center"><font face="{font}" size="1">© Báo điện tử. Địa chỉ: 5 Trần Hưng Đạo</font></td></tr>\n'
        "</table>\n</body>\n</html>\n",
    ]


def div_page(rng, a, charset):
    """A 2010s page: divs with ids, a lead in <h2>, paragraphs in <p>."""
    menu = "".join(f'<li><a href="/c{i}.html">{esc(m)}</a></li>' for i, m in enumerate(MENU))
    figures = "".join(
        f'<div class="image"><img src="/i/{i}.jpg"><p class="caption">{esc(c)}</p></div>\n'
        for i, c in enumerate(a["captions"])
    )
    paragraphs = [piece for p in a["body"] for piece in ("<p>", *joined(map(esc, p), " "), "</p>\n")]
    byline = f'<p class="author">{esc(a["byline"])}</p>\n' if a["byline"] else ""
    related = "".join(f'<li><a href="/r{i}.html">{esc(m)}</a></li>' for i, m in enumerate(MENU[1:6]))
    return [
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\n'
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}" />\n'
        f"<title>{esc(a['title'])}</title></head>\n<body>\n"
        f'<div id="header"><ul id="menu">{menu}</ul></div>\n<div id="main">\n'
        f'<div id="content"><div class="date">{esc(header_date(rng, a["date"]))}</div>\n'
        f'<h1 class="title">{esc(a["title"])}</h1>\n<h2 class="sapo">{esc(a["dateline"] + a["lead"])}</h2>\n'
        f'<div class="news-content">\n{figures}',
        *paragraphs,
        f'{byline}</div>\n'
        f'<div class="other-news"><h3>Các tin khác</h3><ul>{related}</ul></div>\n</div>\n'
        f'<div id="sidebar"><h3>Đọc nhiều</h3><ul>{related}</ul></div>\n</div>\n'
        '<div id="footer">Bản quyền thuộc về Báo điện tử. Ghi rõ nguồn khi phát hành lại thông tin.</div>\n'
        "</body></html>\n",
    ]


def modern_page(rng, a):
    """An HTML5 page: og meta, sometimes JSON-LD, <article>, figures, comments, footer."""
    iso = a["date"].isoformat()
    jsonld = (
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":'
        f'"{esc(a["title"])}","datePublished":"{iso}T08:00:00+07:00"}}</script>\n'
        if rng.random() < 0.5 else ""
    )
    menu = " ".join(f'<a href="/{i}">{esc(m)}</a>' for i, m in enumerate(MENU))
    figures = "".join(
        f'<figure><img src="{i}.jpg" alt=""><figcaption><p>{esc(c)}</p></figcaption></figure>\n'
        for i, c in enumerate(a["captions"])
    )
    paragraphs = [["<p>", *joined(map(esc, p), " "), "</p>\n"] for p in a["body"]]
    half = len(paragraphs) // 2
    byline = f'<p style="text-align:right;"><strong>{esc(a["byline"])}</strong></p>\n' if a["byline"] else ""
    return [
        f'<!DOCTYPE html>\n<html lang="vi">\n<head><meta charset="utf-8"><title>{esc(a["title"])}</title>\n'
        f'<meta property="og:title" content="{html.escape(a["title"])}">\n{jsonld}</head>\n<body>\n'
        f'<header class="site-header"><nav class="menu">{menu}</nav></header>\n<div class="container">\n'
        f'<span class="date">{esc(header_date(rng, a["date"]))}</span>\n'
        f'<h1 class="title-detail">{esc(a["title"])}</h1>\n'
        f'<p class="description">{esc(a["dateline"] + a["lead"])}</p>\n'
        '<article class="fck_detail">\n',
        *(piece for p in paragraphs[:half] for piece in p),
        figures,
        *(piece for p in paragraphs[half:] for piece in p),
        f"{byline}</article>\n"
        '<div class="box-tinlienquan"><h3>Tin liên quan</h3><ul><li><a href="/a.html">'
        f"{esc(MENU[1])}</a></li></ul></div>\n"
        '<div id="box_comment" class="box_comment"><h3>Bình luận</h3></div>\n</div>\n'
        "<footer><p>© Báo điện tử. Giấy phép số 123/GP-BTTTT.</p></footer>\n</body>\n</html>\n",
    ]
