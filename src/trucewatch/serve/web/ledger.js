/* The ledger: per agreement, the verdict per party first (findings by grade, a small chart
 * per day), then each finding with a link to its evidence. Grades say how well a report is
 * corroborated, not whether it is true; every party is shown, also with no findings. */
"use strict";

(function () {
  const TW = window.TW;
  const ledger = {};
  TW.ledger = ledger;

  function gradeBar(byGrade, total) {
    const bar = TW.el("div", { class: "grade-bar", role: "img",
      "aria-label": Object.entries(byGrade).filter(([, n]) => n).map(([g, n]) => n + " " + g.replace(/_/g, " ")).join(", ") || "no findings" });
    for (const [grade, n] of Object.entries(byGrade)) {
      if (!n) continue;
      const part = TW.el("span", { class: "grade-part", title: n + " " + grade.replace(/_/g, " ") });
      part.style.width = (100 * n / total) + "%";
      part.style.background = TW.GRADE_COLOURS[grade] || "#999";
      bar.append(part);
    }
    return bar;
  }

  /* A small chart: findings per day, stacked by grade, over the agreement's days. */
  function dayChart(party, max) {
    const days = party.per_day.filter((d) => d.date !== "undated");
    const width = 260, height = 48;
    const root = TW.svg("svg", { width, height: height + 16, class: "party-chart", role: "img",
      "aria-label": party.party + ": findings per day" });
    if (!days.length) return root;
    const first = Date.parse(days[0].date), last = Date.parse(days[days.length - 1].date);
    const span = Math.max(1, (last - first) / 864e5 + 1), step = width / span;
    for (const d of days) {
      const x = ((Date.parse(d.date) - first) / 864e5) * step;
      let y = height;
      for (const [grade, n] of Object.entries(d.by_grade)) {
        if (!n) continue;
        const h = height * n / max;
        y -= h;
        const rect = TW.svg("rect", { x, y, width: Math.max(2, step - 1), height: h,
          fill: TW.GRADE_COLOURS[grade] || "#999" });
        rect.append(TW.svg("title", {}, d.date + ": " + n + " " + grade.replace(/_/g, " ")));
        root.append(rect);
      }
    }
    root.append(TW.svg("line", { x1: 0, y1: height, x2: width, y2: height, class: "axis" }));
    root.append(TW.svg("text", { x: 0, y: height + 13, class: "tick" }, days[0].date));
    root.append(TW.svg("text", { x: width, y: height + 13, "text-anchor": "end", class: "tick" }, days[days.length - 1].date));
    return root;
  }

  function verdictLine(party) {
    if (!party.total) return "no findings against " + party.party + " in the reports stored";
    const parts = Object.entries(party.by_grade).filter(([, n]) => n)
      .map(([g, n]) => n + " " + g.replace(/_/g, " "));
    return party.total + " finding(s) against " + party.party + ": " + parts.join(", ");
  }

  function partyCard(party, max) {
    return TW.el("div", { class: "verdict-party", "data-party": party.party },
      TW.el("div", { class: "verdict-head" }, TW.el("strong", {}, party.party), " ",
        TW.el("span", { class: "verdict-total" }, TW.number(party.total))),
      gradeBar(party.by_grade, party.total || 1), dayChart(party, max),
      TW.el("p", { class: "verdict-line" }, verdictLine(party)));
  }

  function findingItem(f) {
    const item = TW.el("li", { class: "finding", "data-finding": f.id }, TW.gradeBadge(f.grade), " ", f.summary, " ");
    if (f.incident) item.append(TW.incidentLink(f.incident, "evidence →"));
    else if (f.quote) item.append(TW.el("div", { class: "quote" }, "“" + f.quote + "”"));
    item.append(TW.el("div", { class: "note" }, f.sources + " independent source(s); outlets: " +
      (f.outlets.join(", ") || "unknown")));
    return item;
  }
  ledger.findingItem = findingItem;

  function findingsList(party, byId) {
    const details = TW.el("details", { class: "party", "data-party": party.party },
      TW.el("summary", {}, "Findings against " + party.party + " (" + party.total + ")"));
    const list = TW.el("ul", { class: "findings" });
    for (const id of party.findings) if (byId.has(id)) list.append(findingItem(byId.get(id)));
    if (!party.findings.length) list.append(TW.el("li", { class: "note" }, "none"));
    details.append(list);
    return details;
  }

  function agreementSection(v, byId) {
    const a = v.agreement;
    const section = TW.el("section", { class: "agreement", "data-agreement": a.id },
      TW.el("h2", {}, a.title),
      TW.el("p", { class: "status" }, a.status.replace(/_/g, " ") + " · " + a.start.slice(0, 10) + " – " +
        (a.end ? a.end.slice(0, 10) : "open-ended") + " · parties: " + a.parties.join(", ")));
    if (!v.in_force) {
      section.append(TW.el("p", { class: "verdict-none" }, "Not in force: nothing to breach, so no verdict."));
    } else {
      const max = Math.max(1, ...v.parties.flatMap((p) => p.per_day.map((d) => Object.values(d.by_grade).reduce((x, y) => x + y, 0))));
      section.append(TW.el("div", { class: "verdict" }, ...v.parties.map((p) => partyCard(p, max))));
    }
    for (const note of v.notes || []) section.append(TW.el("p", { class: "note" }, note));
    if (v.in_force) for (const p of v.parties) section.append(findingsList(p, byId));
    return section;
  }

  ledger.draw = async function draw(params) {
    const [verdicts, findings] = await Promise.all([TW.api("/api/verdicts"),
      TW.apiAll("/api/findings", { agreement: params.agreement, sort: "date" })]);
    const byId = new Map(findings.map((f) => [f.id, f]));
    const box = document.getElementById("ledger");
    box.replaceChildren();
    const shown = verdicts.filter((v) => !params.agreement || v.agreement.id === params.agreement);
    if (!shown.length) box.append(TW.el("p", { class: "empty" }, "No agreement matches “" + params.agreement + "”."));
    for (const v of shown) box.append(agreementSection(v, byId));
  };
})();
