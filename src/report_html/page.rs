//! The page around the sections: one self-contained HTML file with its CSS inline, no
//! script, no font or image fetched (system fonts, inline SVG), and a Content Security
//! Policy that forbids scripts and loads outright, so even a mistake in escaping could not
//! run anything. Readable on a phone (one column below 40rem, tables scroll sideways) and
//! when printed (no navigation or backgrounds, charts kept whole).

/// The page's style sheet.
const STYLE: &str = r#"
:root{--ink:#1d2430;--muted:#5b6472;--line:#d9dee6;--accent:#2a5db0;--bar:#3d6fc6;--bg:#f4f6f9;--card:#fff;--bad:#b5473f;--good:#2e7d4f}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
.wrap,main{max-width:62rem;margin:0 auto;padding:0 1rem}
header.top{background:#1f3a63;color:#fff;padding:1.1rem 0 .9rem}
header.top h1{margin:0;font-size:1.5rem}
header.top p{margin:.2rem 0 0;opacity:.85}
nav{display:flex;flex-wrap:wrap;gap:.3rem .9rem;padding:.8rem 0 0;font-size:.92rem}
nav a{color:var(--accent)}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.2rem;margin:1rem 0}
h2{font-size:1.25rem;margin:0 0 .6rem}
h3{font-size:1.05rem;margin:1rem 0 .4rem}
.verdict{font-size:1.1rem;margin:.2rem 0 .8rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.88em;overflow-wrap:anywhere}
figure{margin:.6rem 0}
svg.chart{width:100%;height:auto;display:block;max-width:36rem}
svg .bar rect{fill:var(--bar)}
svg text{font:14px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:var(--ink)}
svg .value,svg .axis{fill:var(--muted)}
svg .axis-line{stroke:var(--line)}
#chart-rejects .bar rect{fill:var(--bad)}
#chart-coverage .bar rect{fill:var(--good)}
#chart-warnings .bar rect{fill:#b7832f}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}
.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1.2rem}
.sample{border-top:1px solid var(--line);margin-top:.8rem}
.sample h3{margin-bottom:0}
.kinds{color:var(--muted);margin:.1rem 0 .3rem;font-size:.92rem}
.ba{display:grid;grid-template-columns:1fr 1fr;gap:.5rem;margin:.4rem 0}
.before,.after{border-radius:6px;padding:.35rem .6rem}
.before{background:#fbefed;border:1px solid #eccbc6}
.after{background:#edf6f0;border:1px solid #c8e3d2}
.ba p{margin:.15rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.tag{font-size:.72rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.cp{font:.72em ui-monospace,Menlo,Consolas,monospace;background:#fff3c4;border:1px solid #dcc061;border-radius:3px;padding:0 .2em}
.note,.empty{color:var(--muted)}
footer{max-width:62rem;margin:0 auto;padding:0 1rem 2rem;color:var(--muted);font-size:.9rem}
@media (max-width:40rem){body{font-size:15px}.pair,.ba{grid-template-columns:1fr}dl.facts{grid-template-columns:auto 1fr;gap:.2rem .7rem}section{padding:.8rem}}
@media print{body{background:#fff;font-size:10.5pt}header.top{background:none;color:#000;border-bottom:2px solid #000}nav{display:none}section{border:0;border-radius:0;padding:0;margin:0 0 1.2rem}figure,tr,.ba,.sample h3{break-inside:avoid}h2,h3{break-after:avoid}.scroll{overflow:visible}}
"#;

/// The sections' anchors and names, for the navigation.
const NAV: [(&str, &str); 9] = [
    ("summary", "Summary"),
    ("encodings", "Encodings"),
    ("repairs", "Repairs"),
    ("reject-reasons", "Rejects by reason"),
    ("timeline", "Timeline"),
    ("coverage", "Field coverage"),
    ("people", "Authors and datelines"),
    ("samples", "Before and after"),
    ("rejects", "Rejected documents"),
];

/// The whole page around `body` (the sections, already escaped HTML). `when` is shown
/// under the heading (empty for a bundle's copy).
pub fn page(when: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + STYLE.len() + 2048);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>salvage run report</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header class=\"top\"><div class=\"wrap\"><h1>salvage run report</h1><p>What the run read, what it repaired and what it refused");
    if !when.is_empty() {
        out.push_str(" · ");
        out.push_str(when);
    }
    out.push_str("</p></div></header>\n<main>\n<nav aria-label=\"Sections\">");
    for (anchor, name) in NAV {
        out.push_str(&format!("<a href=\"#{anchor}\">{name}</a>"));
    }
    out.push_str("</nav>\n");
    out.push_str(body);
    out.push_str(
        "</main>\n<footer><p>Written by salvage. This page runs no script and loads nothing: \
         it opens from disk, offline. Figures are those of <code>report.json</code>; \
         every record is in <code>records.jsonl</code>, every reject in \
         <code>rejects.jsonl</code>.</p></footer>\n</body>\n</html>\n",
    );
    out
}
