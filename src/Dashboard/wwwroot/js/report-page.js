// Shared by the report pages (quality, pipeline): after sign-in, loads a JSON report now and every intervalMs, renders
// it, and says in the page's #generated line when loading failed or the role may not see it.
"use strict";

window.pollReport = async function pollReport(url, what, render, intervalMs) {
  const generated = document.getElementById("generated");
  await window.mhaSession.ready();

  async function load() {
    try {
      const response = await window.mhaSession.authFetch(url, { headers: { Accept: "application/json" } });
      if (response.status === 403) {
        generated.textContent = `Your role may not see the ${what}.`;
        generated.dataset.state = "dead";
        return false;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      render(await response.json());
    } catch (error) {
      generated.textContent = `Could not load the ${what} (${error.message})`;
      generated.dataset.state = "dead";
    }
    return true;
  }

  if (await load()) setInterval(load, intervalMs);
};
