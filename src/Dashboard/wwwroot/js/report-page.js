// Shared by the report pages (quality, pipeline): loads a JSON report now and every intervalMs, renders it, and says in
// the page's #generated line when loading failed.
"use strict";

window.pollReport = function pollReport(url, what, render, intervalMs) {
  async function load() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      render(await response.json());
    } catch (error) {
      const generated = document.getElementById("generated");
      generated.textContent = `Could not load the ${what} (${error.message})`;
      generated.dataset.state = "dead";
    }
  }

  load();
  setInterval(load, intervalMs);
};
