/* The incident page: the facts, its findings, and every report with its quote highlighted in
 * the report's text, the outlet, claimant, modality and a link to the source article. */
"use strict";

(function () {
  const TW = window.TW;
  const incidentView = {};
  TW.incident = incidentView;

  function highlighted(text, start, end) {
    const doc = TW.el("div", { class: "doc", tabindex: "0" });
    const mark = TW.el("mark", { class: "evidence" }, text.slice(start, end));
    doc.append(document.createTextNode(text.slice(0, start)), mark, document.createTextNode(text.slice(end)));
    return [doc, mark];
  }

  function reportCard(report, grade) {
    const who = report.source ? report.claimant + " (" + report.source + ")" : report.claimant;
    const meta = TW.el("div", { class: "meta" },
      TW.el("span", {}, "outlet: ", TW.el("b", {}, report.outlet || "unknown")),
      TW.el("span", {}, "published: ", TW.el("b", {}, report.published || "?")),
      TW.el("span", {}, "claimant: ", TW.el("b", { class: "claimant" }, who)),
      TW.el("span", {}, "modality: ", TW.el("b", { class: "modality" }, report.modality)),
      TW.el("span", {}, "grade: ", TW.gradeBadge(grade)),
      report.url ? TW.articleLink(report.url) : TW.el("span", { class: "note" }, "no link to the article stored"));
    const [doc, mark] = highlighted(report.text, report.span_start, report.span_end);
    const card = TW.el("article", { class: "report", "data-document": report.document },
      TW.el("h3", {}, report.title || report.document), meta, doc);
    return [card, doc, mark];
  }

  function facts(incident) {
    const where = [incident.place, ...incident.regions].filter(Boolean).join(", ") || incident.country || "?";
    const list = TW.el("dl", { class: "facts" });
    const add = (term, value) => { if (value !== null && value !== undefined && value !== "") list.append(TW.el("dt", {}, term), TW.el("dd", {}, value)); };
    add("when", incident.date_from === incident.date_to ? incident.date_from : incident.date_from + " – " + incident.date_to);
    add("where", where);
    add("attacker", incident.attacker);
    add("weapons", incident.weapons.join(", "));
    add("targets", incident.targets.join(", ") || "none named");
    for (const name of ["killed", "injured", "launched", "intercepted"]) add(name, incident[name]);
    add("independent sources", incident.sources);
    add("voices", incident.source_sides.join(", "));
    add("disputes", incident.disputes.join("; ") || "none");
    return list;
  }

  incidentView.draw = async function draw(id) {
    const box = document.getElementById("incident");
    box.replaceChildren(TW.el("p", { class: "note" }, "Loading…"));
    let incident;
    try {
      incident = await TW.api("/api/incidents/" + encodeURIComponent(id));
    } catch (error) {
      box.replaceChildren(TW.el("p", { class: "empty" }, "No such incident: " + error.message));
      return;
    }
    box.replaceChildren(TW.el("h1", {}, incident.kind + " " + incident.id, " ", TW.gradeBadge(incident.grade)), facts(incident));
    if (incident.findings.length) {
      box.append(TW.el("h2", {}, "In the ledger"));
      const list = TW.el("ul", { class: "findings" });
      for (const f of incident.findings) list.append(TW.ledger.findingItem(f));
      box.append(list);
    }
    box.append(TW.el("h2", {}, "Evidence: " + incident.reports.length + " report(s)"));
    for (const report of incident.reports) {
      const [card, doc, mark] = reportCard(report, incident.grade);
      box.append(card);
      doc.scrollTop = Math.max(0, mark.offsetTop - doc.offsetTop - 40);
    }
  };
})();
