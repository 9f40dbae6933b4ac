// Sign-in shared by the board pages. The bearer token lives in sessionStorage (this tab only, gone when it closes), goes
// with every API call and to the hub, and the sign-in form appears when there is none or the server refuses it.
// All inserted text goes through textContent.
"use strict";

(() => {
  const KEY = "mha.token";
  const SCOPED = { HospitalManager: ["hospital"], ChargeNurse: ["hospital", "department"] };
  let meCache = null;

  const token = () => sessionStorage.getItem(KEY);

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  async function authFetch(url, options) {
    const opts = options || {};
    const headers = new Headers(opts.headers || {});
    const t = token();
    if (t) headers.set("Authorization", `Bearer ${t}`);
    const res = await fetch(url, { ...opts, headers, cache: "no-store" });
    if (res.status === 401) {
      sessionStorage.removeItem(KEY);
      showSignIn("Your sign-in expired or was refused: sign in again.");
    }
    return res;
  }

  function signOut() {
    sessionStorage.removeItem(KEY);
    window.location.reload();
  }

  function option(value, text) {
    return el("option", { value: String(value) }, text);
  }

  async function showSignIn(reason) {
    if (document.getElementById("signin")) return;
    const overlay = el("div", { id: "signin", class: "signin", role: "dialog", "aria-modal": "true", "aria-labelledby": "signin-title" });
    const form = el("form", { class: "signin-form" });
    form.append(el("h2", { id: "signin-title" }, "Sign in to MHA Live Bed Occupancy"));
    if (reason) form.append(el("p", { class: "signin-reason" }, reason));
    const error = el("p", { id: "signin-error", class: "signin-error", role: "alert" });
    overlay.append(form);
    document.body.append(overlay);

    let config;
    try {
      const res = await fetch("/api/auth/config", { headers: { Accept: "application/json" }, cache: "no-store" });
      config = await res.json();
    } catch (err) {
      error.textContent = `The server cannot be reached (${err.message}).`;
      form.append(error);
      return;
    }

    if (config.development_sign_in) {
      form.append(el("p", { class: "signin-note" }, "Development sign-in: a token from this machine's development issuer. Production signs in with Entra ID."));
      const role = el("select", { id: "signin-role", name: "role" });
      for (const r of config.roles) role.append(option(r, r));
      const hospital = el("select", { id: "signin-hospital", name: "hospital" });
      for (const h of config.hospitals) hospital.append(option(h.id, `${h.id} · ${h.name}`));
      const department = el("select", { id: "signin-department", name: "department" });
      for (const d of config.departments) department.append(option(d, d));
      const name = el("input", { id: "signin-name", name: "name", autocomplete: "username", placeholder: "optional" });
      const rows = {};
      for (const [key, label, input] of [["role", "Role", role], ["hospital", "Hospital", hospital], ["department", "Department", department], ["name", "Your name", name]]) {
        const row = el("label", { class: "signin-row" });
        row.append(el("span", {}, label), input);
        rows[key] = row;
        form.append(row);
      }
      const sync = () => {
        const needs = SCOPED[role.value] || [];
        rows.hospital.hidden = !needs.includes("hospital");
        rows.department.hidden = !needs.includes("department");
      };
      role.addEventListener("change", sync);
      sync();
      form.append(el("button", { id: "signin-submit", type: "submit" }, "Sign in"), error);
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        const needs = SCOPED[role.value] || [];
        const body = { role: role.value, name: name.value || null };
        if (needs.includes("hospital")) body.hospital_id = Number(hospital.value);
        if (needs.includes("department")) body.department = department.value;
        try {
          const res = await fetch("/api/auth/dev-token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
          const answer = await res.json();
          if (!res.ok) throw new Error(answer.detail || `HTTP ${res.status}`);
          sessionStorage.setItem(KEY, answer.access_token);
          window.location.reload();
        } catch (err) {
          error.textContent = `Sign-in failed: ${err.message}`;
        }
      });
    } else {
      // Entra ID: the organisation's sign-in issues the token; until the board embeds that flow, paste it here.
      form.append(el("p", { class: "signin-note" }, `Sign in with your organisation account (Entra ID, ${config.entra ? config.entra.authority : "not configured"}) and paste the access token for this API.`));
      const pasted = el("textarea", { id: "signin-token", rows: "4", "aria-label": "Access token" });
      form.append(pasted, el("button", { id: "signin-submit", type: "submit" }, "Use this token"), error);
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        sessionStorage.setItem(KEY, pasted.value.trim());
        window.location.reload();
      });
    }
  }

  function showBadge(me) {
    const host = document.querySelector(".header-right");
    if (!host || document.getElementById("user-badge")) return;
    const badge = el("div", { id: "user-badge", class: "user-badge" });
    const scope = me.hospital_id ? ` · hospital ${me.hospital_id}${me.department ? ` · ${me.department}` : ""}` : "";
    badge.append(el("span", { id: "user-role", class: "user-role" }, `${me.role}${scope}`), el("span", { class: "user-name" }, me.name));
    const out = el("button", { id: "sign-out", type: "button", class: "sign-out" }, "Sign out");
    out.addEventListener("click", signOut);
    badge.append(out);
    host.prepend(badge);
  }

  // Resolves with GET /api/me once signed in; otherwise shows the sign-in form (which reloads the page) and never resolves.
  function ready() {
    if (meCache) return meCache;
    meCache = (async () => {
      if (!token()) {
        await showSignIn();
        return new Promise(() => {});
      }
      const res = await authFetch("/api/me", { headers: { Accept: "application/json" } });
      if (!res.ok) return new Promise(() => {});
      const me = await res.json();
      showBadge(me);
      return me;
    })();
    return meCache;
  }

  window.mhaSession = { token, authFetch, signOut, ready };
})();
