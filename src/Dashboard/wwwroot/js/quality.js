// Data-quality page: renders GET /api/quality. No patient data is ever shown here.
"use strict";

(() => {
  const REFRESH_MS = 15000;

  function cell(row, text, numeric) {
    const td = document.createElement("td");
    td.textContent = text;
    if (numeric) td.className = "num";
    row.appendChild(td);
  }

  function fill(tableId, rows) {
    const body = document.querySelector(`#${tableId} tbody`);
    body.replaceChildren();
    if (rows.length === 0) {
      const tr = document.createElement("tr");
      cell(tr, "none yet", false);
      body.appendChild(tr);
      return;
    }
    for (const cells of rows) {
      const tr = document.createElement("tr");
      cells.forEach((value, i) => cell(tr, String(value), i > 0));
      body.appendChild(tr);
    }
  }

  function countsOf(report, scope) {
    return (report?.counts ?? []).filter((c) => c.scope === scope).map((c) => [c.key, c.rows]);
  }

  function totals(reports, scope) {
    const sums = new Map();
    for (const report of reports) {
      for (const [key, rows] of countsOf(report, scope)) sums.set(key, (sums.get(key) ?? 0) + rows);
    }
    return [...sums.entries()].sort((a, b) => b[1] - a[1]);
  }

  function render(data) {
    const daily = data.daily_reports ?? [];
    const recon = daily.map((report) => {
      const get = (key) => (report.counts.find((c) => c.scope === "reconciliation" && c.key === key)?.rows ?? 0);
      return [report.day, get("bronze_rows"), get("silver_rows"), get("quarantine_rows"), get("dropped_duplicates"), get("unaccounted")];
    });
    fill("reconciliation", recon);
    document.querySelectorAll("#reconciliation tbody tr").forEach((tr, i) => {
      if (recon[i] && recon[i][5] !== 0) tr.classList.add("unbalanced");
    });
    fill("rules", totals(daily, "dq_rule"));
    fill("quarantine", totals(daily, "quarantine_reason"));
    fill("hospitals", totals(daily, "hospital").map(([k, v]) => [`Hospital ${k}`, v]));
    fill("sources", totals(daily, "source"));

    const facts = document.getElementById("lake");
    facts.replaceChildren();
    const stats = data.lake?.statistics ?? {};
    const entries = [
      ["Location", data.lake?.location ?? "–"],
      ["Rows received (since start)", stats.bronze_rows ?? 0],
      ["Buffered, not yet written", stats.buffered_rows ?? 0],
      ["Files written", stats.files_written ?? 0],
      ["Last flush", stats.last_flush_at ?? "–"],
      ["Last flush error", stats.last_flush_error ?? "none"],
      ["Last Gold refresh", data.gold_last_refresh?.started_at ?? "not yet"],
      ["Silver rows in last refresh", data.gold_last_refresh?.silver_rows_applied ?? 0],
    ];
    for (const [label, value] of entries) {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = String(value);
      facts.append(dt, dd);
    }
    const generated = document.getElementById("generated");
    generated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    generated.dataset.state = "fresh";
  }

  window.pollReport("/api/quality", "report", render, REFRESH_MS);
})();
