"""The HTML exports' one stylesheet, shared by the report and the before-and-after: a page
that fits a phone, keeps to a readable width on a desktop, and prints on A4 or Letter with a
one-page summary first and long cards breaking between their parts.
"""

FIT, RANGE, LEVEL, TRACK = "#1f6f50", "#a9d7c1", "#35608f", "#aab3ba"
"""Bar colours, mid-tones that stay apart in grey on paper; the track is an outline, not ink."""

STYLE = """
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: #1d2330; line-height: 1.55; overflow-wrap: anywhere;
       font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 48rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: .15rem 0 .75rem; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 2.2rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
a { color: #1f6f50; }
.masthead { border-top: 6px solid #1f6f50; background: #f2f7f4; border-radius: 0 0 10px 10px;
            padding: 1rem 1.25rem 1.1rem; }
.kicker { margin: 0; font-size: .78rem; font-weight: 600; letter-spacing: .08em; text-transform: uppercase;
          color: #4b5a54; }
.facts { display: flex; flex-wrap: wrap; gap: .35rem 1.75rem; margin: 0 0 .9rem; }
.facts div { min-width: 0; }
.facts dt { font-size: .74rem; letter-spacing: .06em; text-transform: uppercase; color: #5b6470; }
.facts dd { margin: 0; font-weight: 600; }
.verdict { font-size: 1.15rem; font-weight: 600; margin: .9rem 0 .6rem; }
.next { margin: .2rem 0 .6rem; }
.how-to-read { border: 1px solid #9fb7cf; border-left: 6px solid #35608f; background: #f1f5fa; border-radius: 8px;
               padding: .6rem 1rem .7rem; margin: 0 0 1rem; }
.how-to-read h2 { font-size: 1rem; margin: 0 0 .2rem; }
.how-to-read p { margin: .25rem 0; }
.coach-notes { border-left: 4px solid #1f6f50; padding: .1rem 0 .1rem 1rem; margin-top: 2rem; }
.coach-notes h2 { margin-top: .3rem; }
.coach-notes p { margin: .4rem 0; }
.shortlist h2 { font-size: .78rem; letter-spacing: .08em; text-transform: uppercase; color: #4b5a54;
                margin: .9rem 0 .2rem; }
.shortlist ol { margin: 0; padding-left: 1.5rem; }
.shortlist li { margin: .1rem 0; }
.shortlist a { color: inherit; font-weight: 600; }
.score { color: #1f6f50; font-weight: 700; white-space: nowrap; font-variant-numeric: tabular-nums; }
.note { border-left: 4px solid #c99a00; background: #fff8e1; padding: .5rem .8rem; margin: 1rem 0; }
.legend { color: #5b6470; font-size: .88rem; margin: .5rem 0 0; }
.bars { list-style: none; margin: 0; padding: 0; }
.bar-row { display: grid; grid-template-columns: 1.6rem minmax(0, 1fr) auto;
           grid-template-areas: "rank label value" ". bar bar"; column-gap: .5rem; align-items: baseline;
           padding: .45rem 0; border-bottom: 1px solid #e3e6e8; break-inside: avoid; }
.profile .bar-row { grid-template-columns: minmax(0, 1fr) auto; grid-template-areas: "label value" "bar bar"; }
.bar-row .rank { grid-area: rank; text-align: right; color: #5b6470; font-variant-numeric: tabular-nums; }
.bar-row .label { grid-area: label; min-width: 0; }
.profile .bar-row { grid-template-areas: "label value" "bar bar" "about about" "sure sure"; }
.bar-row .about, .bar-row .sure { color: #5b6470; font-size: .82rem; line-height: 1.35; }
.bar-row .about { grid-area: about; margin-top: .15rem; }
.bar-row .sure { grid-area: sure; }
.rough .sure { color: #8a5a00; }
.bar-row .value { grid-area: value; text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.bar-row .value small { color: #5b6470; font-size: .8rem; margin-left: .35rem; }

.bar-row svg { grid-area: bar; display: block; width: 100%; height: 14px; margin-top: .25rem; overflow: visible; }
.shortlisted .label { font-weight: 600; }
@media (min-width: 40rem) {
  .bar-row { grid-template-columns: 1.6rem 14rem minmax(0, 1fr) 6.5rem; grid-template-areas: "rank label bar value";
             align-items: center; }
  .profile .bar-row { grid-template-columns: 12rem minmax(0, 1fr) 12.5rem; grid-template-areas: "label bar value" "about about sure"; }
  .profile .bar-row .sure { text-align: right; margin-top: .15rem; }
  .bar-row svg { margin-top: 0; }
}
.card { border: 1px solid #d5dadd; border-radius: 10px; padding: .3rem 1.1rem 1rem; margin-top: 1.5rem;
        break-inside: avoid; }
.card h2 { margin-top: .7rem; }
.card ul, .card ol { padding-left: 1.3rem; margin: .2rem 0; }
.card li { margin: .2rem 0; }
.credit { display: block; color: #5b6470; font-size: .88rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .4rem; border-bottom: 1px solid #e3e6e8; }
th, .num, .nowrap { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.num.change { white-space: normal; }
.kind { display: block; color: #5b6470; font-size: .82em; }
.sources li { margin: .3rem 0; }
footer { margin-top: 2.5rem; padding-top: .6rem; border-top: 1px solid #e3e6e8; color: #5b6470; font-size: .85rem; }
.colophon { display: none; }
@media (max-width: 30rem) {
  h1 { font-size: 1.6rem; }
  .masthead { padding: .9rem 1rem 1rem; }
  table { font-size: .8rem; }
  th, td { padding: .25rem .2rem; }
}
@page { size: auto; margin: 14mm 13mm; }
@media print {
  body { font-size: 9pt; line-height: 1.36; color: #000; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 17pt; margin: 0 0 .3rem; }
  h2 { font-size: 12.5pt; margin: 1rem 0 .3rem; }
  h3 { font-size: 10pt; margin: .5rem 0 .1rem; }
  .masthead, .note, .how-to-read { background: none; }
  .masthead { border-top-width: 3pt; border-radius: 0; padding: .4rem 0 0; }
  .how-to-read { border-radius: 0; padding: .3rem .7rem .4rem; margin-bottom: .6rem; }
  .facts { margin-bottom: .4rem; }
  .verdict { font-size: 10.5pt; margin: .4rem 0 .3rem; }
  a { color: inherit; text-decoration: none; }
  .sources a::after { content: " <" attr(href) ">"; font-size: 8pt; overflow-wrap: anywhere; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  /* Page 1 is a summary that prints on its own: the verdict, the next step and the whole ranking. */
  .summary { break-after: page; page-break-after: always; }
  .ranking, .ranking-section, .how-to-read, .masthead { break-inside: avoid; page-break-inside: avoid; }
  .bar-row { padding: .12rem 0; }
  .legend { font-size: 8.5pt; margin-top: .3rem; }
  /* A long card breaks between its parts, never inside one, and never just after its title. */
  .card { break-inside: auto; border-color: #999; border-radius: 0; padding: .1rem .8rem .5rem; margin-top: .9rem; }
  .card > h2, .card > h2 + p { break-after: avoid; page-break-after: avoid; }
  .card h2 { margin-top: .4rem; }
  .card > p { margin: .2rem 0; }
  .part, .bar-row, li, tr, p, .coach-notes p { break-inside: avoid; page-break-inside: avoid; }
  .kind { display: inline; margin-left: .4em; }
  /* The sources stay whole and take some of what comes before them to a new page, rather than
     standing alone on the last one. */
  .sources-section { break-inside: avoid; page-break-inside: avoid; break-before: avoid; page-break-before: avoid; }
  .card li { margin: .05rem 0; }
  .credit { display: inline; font-size: 8.5pt; }
  .credit::before { content: "\u2014\u00a0"; }
  .coach-notes { margin-top: 0; }
  .profile .bar-row { padding: .1rem 0; }
  .bar-row .about, .bar-row .sure { font-size: 8pt; line-height: 1.25; margin-top: 0; }
  .card .parts { columns: 2; column-gap: 1.4rem; }
  .card .part:first-child h3 { margin-top: .2rem; }
  table { font-size: 8.5pt; }
  th, td { padding: .12rem .3rem; }
  .sources { font-size: 8.5pt; }
  .sources li { margin: .1rem 0; }
  /* On paper the colophon closes the summary page, which always has room, instead of the last
     page, where one line can spill onto a page of its own. */
  footer { display: none; }
  .colophon { display: block; font-size: 8pt; color: #5b6470; margin-top: .5rem; }
  svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
