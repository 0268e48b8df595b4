// The pages' one stylesheet, served from /static/app.css (a module, so that the build needs no asset copying).
import crypto from 'node:crypto';
export const APP_CSS = `
:root { --ink: #1b1f24; --muted: #5b6470; --line: #d5dae1; --bg: #f6f7f9; --card: #fff; --accent: #1f4fbf; --focus: #ffbf47;
  --low: #2e7d32; --medium: #9a6700; --high: #c2410c; --critical: #b3261e; --error: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 0; background: var(--card); padding: .5rem 1rem; }
.skip:focus { left: 1rem; z-index: 10; }
header.top { background: #17233b; color: #fff; }
header.top .bar { max-width: 1640px; margin: 0 auto; display: flex; align-items: center; gap: 1.25rem; padding: .6rem 1.25rem; flex-wrap: wrap; }
header.top .brand { font-weight: 700; color: #fff; text-decoration: none; letter-spacing: .01em; }
header.top nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; flex-wrap: wrap; }
header.top nav a { color: #dbe4ff; text-decoration: none; padding: .2rem .1rem; }
header.top nav a[aria-current="page"] { color: #fff; border-bottom: 2px solid #fff; }
header.top .who { margin-left: auto; display: flex; align-items: center; gap: .6rem; color: #c9d3ea; font-size: .82rem; }
header.top .who a { color: #dbe4ff; }
header.top .who form { margin: 0; }
header.top .who button { background: transparent; color: #fff; border: 1px solid #7f8db0; padding: .25rem .6rem; font-size: .85rem; }
.narrow { max-width: 480px; margin: 2rem auto; }
main { max-width: 1200px; margin: 0 auto; padding: 1.25rem; }
main.wide { max-width: 1600px; }
/* The case: evidence on the left, the action panel beside it in reach while scrolling (one column on a phone). */
.case-layout { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1.25rem; align-items: start; }
.case-actions { position: sticky; top: .75rem; max-height: calc(100vh - 1.5rem); overflow-y: auto; }
.case-actions h3 { margin-top: 1rem; }
.narrow-only { display: none; }
@media (max-width: 960px) { .case-layout { grid-template-columns: minmax(0, 1fr); } .case-actions { position: static; max-height: none; } .narrow-only { display: inline; } }
.crumbs { display: flex; gap: .5rem; flex-wrap: wrap; margin: 0 0 .25rem; }
.banner { border-radius: 6px; padding: .6rem 1rem; margin: 0 0 1rem; border: 1px solid var(--line); border-left-width: 6px; background: #fff; }
.banner-open { border-left-color: var(--accent); }
.banner-cleared { border-left-color: var(--low); background: #eef7ef; }
.banner-confirmed_fraud { border-left-color: var(--critical); background: #fbeeed; }
.why .scoreline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; margin: 0 0 .5rem; }
.why .score { font-size: 2rem; font-weight: 800; line-height: 1; }
ol.reasons { margin: 0; padding-left: 1.4rem; } ol.reasons li { margin: .3rem 0; }
.points { font-weight: 700; white-space: nowrap; margin-left: .35rem; }
ul.checklist { list-style: none; padding: 0; margin: 0; } ul.checklist li { padding: .3rem 0; border-bottom: 1px solid var(--line); }
.check-status { display: inline-block; min-width: 9rem; font-size: .85rem; font-weight: 700; }
ul.checklist li.todo .check-status { color: var(--high); } ul.checklist li.done-passed .check-status { color: var(--low); } ul.checklist li.done-failed .check-status { color: var(--critical); }
dl.evidence.compact { grid-template-columns: max-content minmax(0, 1fr); }
details.applicant > summary { list-style-position: inside; } details.applicant > summary h2 { display: inline; font-size: 1.2rem; color: var(--ink); }
.table-scroll { overflow-x: auto; max-width: 100%; }
dl.evidence dd, td { overflow-wrap: anywhere; }
.agrees { color: var(--low); font-weight: 700; } .differs { color: var(--critical); font-weight: 700; } .unknown { color: var(--muted); font-weight: 700; }
.next-step { font-size: 1.1rem; }
h1 { font-size: 1.6rem; margin: .2rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .6rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1rem; }
.muted, .hint { color: var(--muted); }
.hint { font-size: .88rem; display: block; margin: .1rem 0 .25rem; }
fieldset { border: 1px solid var(--line); border-radius: 6px; background: var(--card); margin: 0 0 1rem; padding: .75rem 1.25rem 1rem; }
legend { font-weight: 700; font-size: 1.05rem; padding: 0 .4rem; }
.fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: .75rem 1.25rem; align-items: end; }
.field { display: flex; flex-direction: column; }
.field.wide { grid-column: 1 / -1; }
label { font-weight: 600; }
input, select, textarea, button { font: inherit; }
input, select, textarea { border: 1px solid #8a94a3; border-radius: 4px; padding: .4rem .5rem; background: #fff; color: var(--ink); width: 100%; }
textarea { min-height: 4.5rem; }
/* One height for text, date and select controls, so that a row of filters lines up. */
select, input:not([type=checkbox]):not([type=radio]) { min-height: 2.4rem; }
.field.invalid input, .field.invalid select, .field.invalid textarea { border: 2px solid var(--error); }
.error-text { color: var(--error); font-weight: 600; font-size: .9rem; margin: .15rem 0; }
.row-group { border-top: 1px dashed var(--line); padding-top: .6rem; margin-top: .6rem; }
.row-group h3 { margin-top: 0; font-size: .95rem; color: var(--muted); }
button, .button { display: inline-block; background: var(--accent); color: #fff; border: 1px solid var(--accent); border-radius: 4px; padding: .45rem 1rem; cursor: pointer; text-decoration: none; font-weight: 600; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--critical); border-color: var(--critical); }
.actions { display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; margin-top: .75rem; }
.error-summary { border: 3px solid var(--error); background: #fff; padding: .75rem 1.25rem; margin-bottom: 1rem; border-radius: 6px; }
.error-summary h2 { margin-top: 0; color: var(--error); }
.notice { border-left: 5px solid var(--accent); background: #fff; padding: .6rem 1rem; margin-bottom: 1rem; }
.notice.ok { border-color: var(--low); }
.secret { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 1.1rem; background: #fff7d6; padding: .2rem .5rem; border: 1px solid #e0c96b; }
table { border-collapse: collapse; width: 100%; background: var(--card); }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: #eef1f5; font-size: .88rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.band { display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-weight: 700; font-size: .85rem; color: #fff; text-transform: uppercase; letter-spacing: .03em; }
.sanctions { font-weight: 600; } .sanctions-potential_match { color: var(--high); } .sanctions-confirmed_match { color: var(--critical); }
.band-low { background: var(--low); } .band-medium { background: var(--medium); } .band-high { background: var(--high); } .band-critical { background: var(--critical); }
.status { font-size: .85rem; padding: .05rem .45rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; white-space: nowrap; }
.overdue { color: var(--critical); font-weight: 700; }
.scorebox { display: flex; gap: 1.5rem; align-items: center; }
.scorebox .score { font-size: 2.6rem; font-weight: 800; line-height: 1; white-space: nowrap; }
.scorebox p { flex: 1; margin: 0; }
.finding { border-left: 5px solid var(--line); padding: .5rem 1rem; margin: .75rem 0; background: var(--card); border-radius: 0 6px 6px 0; }
.finding.sev-low { border-color: var(--low); } .finding.sev-medium { border-color: var(--medium); } .finding.sev-high { border-color: var(--high); } .finding.sev-critical { border-color: var(--critical); }
.finding h3 { margin: .2rem 0 .3rem; }
dl.evidence { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0; }
dl.evidence dt { color: var(--muted); } dl.evidence dd { margin: 0; }
table.evidence { font-size: .9rem; margin: .25rem 0; }
/* The queue's filters: folded under "Filters" on a phone; open on wider screens where ::details-content can be styled
   (without that support the panel stays a one-click "Filters" line everywhere, never hidden for good). */
.filter-panel > summary { font-weight: 600; cursor: pointer; padding: .2rem 0; }
@supports selector(::details-content) {
  @media (min-width: 641px) {
    .filter-panel > summary { display: none; }
    .filter-panel::details-content { content-visibility: visible; block-size: auto; }
  }
}
.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: .6rem 1rem; align-items: end; }
.side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.grid-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.grid-2 > *, .side-by-side > * { min-width: 0; }
.card > h2:first-child, .card > h3:first-child { margin-top: 0; }
svg.chart { display: block; width: 100%; max-width: 720px; height: auto; }
@media (max-width: 800px) { .side-by-side, .grid-2 { grid-template-columns: 1fr; } }
ol.timeline { list-style: none; padding: 0; margin: 0; }
ol.timeline li { border-left: 3px solid var(--line); padding: .2rem 0 .6rem 1rem; }
ol.timeline time { color: var(--muted); font-size: .88rem; }
.pager { display: flex; gap: 1rem; margin-top: .75rem; }
svg text { font-family: system-ui, sans-serif; }
.stat { font-size: 1.8rem; font-weight: 800; }
details { margin: .4rem 0 .2rem; }
summary { cursor: pointer; color: var(--accent); font-weight: 600; }
form.verify { max-width: 640px; }
.checks ul, .review ul { margin: .25rem 0 .5rem; padding-left: 1.25rem; }
fieldset.plain { border: 0; padding: 0; margin: 0 0 .6rem; background: none; }
fieldset.plain legend { font-size: 1rem; padding: 0; margin-bottom: .2rem; }
label.check { font-weight: 400; margin-right: 1.25rem; display: inline-flex; gap: .35rem; align-items: center; }
label.band-choice { text-transform: capitalize; }
label.check input { width: auto; }
/* A table cell of row actions stays a table cell (a flex cell would break the row's borders and alignment). */
td.actions { display: table-cell; margin: 0; }
td.actions form { display: inline-block; margin: 0 .5rem .35rem 0; vertical-align: top; }
td.actions button, td.nowrap { white-space: nowrap; }
/* A row's own small form (a Lever token beside its button). */
td.actions form.inline-field { display: inline-flex; gap: .5rem; align-items: end; }
form.inline-field .field { min-width: 13rem; }
/* A wide table scrolls inside its own box instead of widening the page (phones, long values). */
.table-scroll { overflow-x: auto; max-width: 100%; }
td { overflow-wrap: anywhere; }
/* Badges and dates never break inside a word ("CR ITI CAL" on a phone): a narrow table scrolls in its own box instead. */
.band, td time, td .status { white-space: nowrap; overflow-wrap: normal; }
.cut { cursor: help; }
ul.reasons { margin: 0; padding-left: 1rem; font-size: .88rem; min-width: 14rem; }
/* A shared value (the farm view's group headings) breaks anywhere rather than widen a phone's page. */
.shared-value { overflow-wrap: anywhere; }
nav.saved-views ul { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: 0 0 1rem; padding: 0; }
.awaiting { border-color: var(--high); }
a.status.awaiting { color: var(--high); font-weight: 700; }
/* The signed-in address and Sign out wrap inside the header on a phone instead of pushing the page wider. */
header.top .who { flex-wrap: wrap; min-width: 0; max-width: 100%; overflow-wrap: anywhere; }
/* On a phone every wide table scrolls inside its own box (dashboard, case, admin lists), never the page. */
@media (max-width: 640px) {
  main table { display: block; max-width: 100%; overflow-x: auto; }
  dl.evidence { grid-template-columns: 1fr; }
  main { padding: .75rem; }
  main h1, main p, main dd, main li { overflow-wrap: anywhere; }
}
.nav-short { display: none; }
/* Between a laptop's 1100 and 1440 pixels the admin's eight links take their short labels, so brand, links and account share one row. */
@media (min-width: 1100px) and (max-width: 1439px) {
  header.top nav.many .nav-long { display: none; }
  header.top nav.many .nav-short { display: inline; }
}
/* On a laptop screen the admin's bar (brand, ten links, who is signed in) stays one row: tighter links, the address cut. */
@media (min-width: 1100px) {
  header.top .bar { flex-wrap: nowrap; gap: 1rem; }
  header.top nav ul { flex-wrap: nowrap; gap: .8rem; }
  header.top nav a { white-space: nowrap; font-size: .92rem; }
  header.top .brand { white-space: nowrap; flex-shrink: 0; }
  header.top nav { flex-shrink: 0; }
  /* The signed-in address gives way first (cut, whole in its title), never the brand or the links. */
  header.top .who { flex-wrap: nowrap; white-space: nowrap; min-width: 0; flex-shrink: 1; }
  header.top .who span { max-width: 14rem; min-width: 2.5rem; overflow: hidden; text-overflow: ellipsis; }
}
`;

/** The style sheet's validator, computed once (the app computes no ETags per answer). */
export const APP_CSS_ETAG = `"${crypto.createHash('sha256').update(APP_CSS).digest('base64url').slice(0, 27)}"`;
