// Pipeline page: renders GET /api/pipeline (each job's last run, outcome, next run and lag). No patient data.
"use strict";

(() => {
  const REFRESH_MS = 5000;

  const when = (iso) => (iso ? new Date(iso).toLocaleString() : "–");
  const lag = (seconds) => (seconds === null || seconds === undefined ? "–"
    : seconds < 120 ? `${seconds.toFixed(0)} s` : seconds < 7200 ? `${(seconds / 60).toFixed(0)} min` : `${(seconds / 3600).toFixed(1)} h`);

  function render(report) {
    const body = document.querySelector("#jobs tbody");
    body.replaceChildren();
    const descriptions = document.getElementById("descriptions");
    descriptions.replaceChildren();
    for (const job of report.jobs) {
      const tr = document.createElement("tr");
      tr.dataset.job = job.job;
      if (job.outcome === "failed") tr.className = "unbalanced";
      const cells = [job.job, job.outcome, when(job.last_run_ended), when(job.next_run), lag(job.lag_seconds), String(job.runs), String(job.failures), job.detail ?? ""];
      cells.forEach((text, i) => {
        const td = document.createElement("td");
        td.textContent = text;
        if (i === 5 || i === 6) td.className = "num";
        tr.appendChild(td);
      });
      body.appendChild(tr);

      const dt = document.createElement("dt");
      dt.textContent = job.job;
      const dd = document.createElement("dd");
      dd.textContent = job.description;
      descriptions.append(dt, dd);
    }
    const generated = document.getElementById("generated");
    generated.textContent = `Updated ${new Date(report.generated_at).toLocaleTimeString()} · ${report.silo}`;
    generated.dataset.state = "fresh";
  }

  window.pollReport("/api/pipeline", "pipeline", render, REFRESH_MS);
})();
