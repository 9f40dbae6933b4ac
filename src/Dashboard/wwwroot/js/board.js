// MHA live occupancy board. Plain ES2020, no framework, no inline script, no eval.
// Data: GET /api/board/config, GET /api/occupancy[/{hospitalId}], SignalR hub /hubs/occupancy
// (message "occupancy" = changed department snapshots only), bed lists on demand. Signed in through session.js: the
// board shows only what GET /api/me says the role may see. All inserted text goes through textContent.
"use strict";

(() => {
  const DEFAULT_CONFIG = Object.freeze({ amber_threshold_pct: 85, red_threshold_pct: 95, stale_after_seconds: 30 });
  const DEPT_ORDER = ["Emergency", "Surgery", "ICU", "Pediatrics", "Maternity", "Oncology", "Cardiology"];
  // Automatic reconnect policy; after it gives up (onclose) we restart ourselves with RESTART_DELAYS_MS forever.
  const RECONNECT_DELAYS_MS = [0, 1000, 2000, 5000, 10000, 10000, 15000, 30000, 30000, 30000];
  const RESTART_DELAYS_MS = [2000, 5000, 10000, 30000];
  const FETCH_TIMEOUT_MS = 10000;
  const STATUS_LABEL = { green: "", amber: "HIGH", red: "CRITICAL", over: "OVER CAPACITY", unknown: "NO DATA" };
  // tiles are narrow: same words, shorter "over" (full text in the tile's title and the legend)
  const TILE_LABEL = { ...STATUS_LABEL, over: "OVER" };
  const STATUS_CLASSES = ["status-green", "status-amber", "status-red", "status-over", "status-unknown"];

  const state = {
    config: { ...DEFAULT_CONFIG },
    scopeHospitalId: null,      // null = whole network
    hospitals: new Map(),       // id -> hospital record (see addHospital)
    lastDataAt: 0,              // local clock (ms) of the last data received from the server
    everHadData: false,
    notFound: false,
    connection: null,
    live: false,                // connected AND subscribed
    restartAttempt: 0,
    restartTimer: null,
    fetchInFlight: false,
    refetchPending: false,
    lastFetchAttemptAt: 0,
    bedAccess: new Set(),       // "hospitalId/department" whose bed list this role may open
  };

  const $ = (id) => document.getElementById(id);
  const ui = {};

  // ---------------------------------------------------------------- helpers

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function num(v) {
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (typeof v === "string" && v.trim() !== "") {
      const n = Number(v);
      return Number.isFinite(n) ? n : null;
    }
    return null;
  }

  function str(v) {
    return typeof v === "string" ? v.trim() : "";
  }

  function parseTime(v) {
    if (typeof v !== "string" || v === "") return null;
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : null;
  }

  function fmtInt(n) {
    return n === null || n === undefined ? "–" : String(Math.round(n));
  }

  // Whole percent, truncated so the shown number never crosses a threshold the colour has not.
  function fmtPct(p) {
    if (p === null || p === undefined || Number.isNaN(p)) return "–";
    if (!Number.isFinite(p)) return ">100%";
    return `${Math.floor(p + 1e-9)}%`;
  }

  function pctOf(occupied, beds) {
    if (occupied === null || beds === null) return null;
    if (beds > 0) return (occupied / beds) * 100;
    return occupied > 0 ? Infinity : null;
  }

  function statusOf(pct) {
    if (pct === null || pct === undefined || Number.isNaN(pct)) return "unknown";
    if (pct > 100) return "over";
    if (pct >= state.config.red_threshold_pct) return "red";
    if (pct >= state.config.amber_threshold_pct) return "amber";
    return "green";
  }

  function setStatus(node, status) {
    node.classList.remove(...STATUS_CLASSES);
    node.classList.add(`status-${status}`);
    node.dataset.status = status;
  }

  function setText(node, text) {
    const s = String(text);
    if (node.textContent !== s) node.textContent = s;
  }

  function deptRank(name) {
    const i = DEPT_ORDER.indexOf(name);
    return i === -1 ? DEPT_ORDER.length : i;
  }

  function compareDept(a, b) {
    return deptRank(a) - deptRank(b) || a.localeCompare(b);
  }

  function fmtAgo(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min`;
    const h = Math.floor(m / 60);
    return `${h} h ${m % 60} min`;
  }

  function fmtClock(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  async function fetchJson(url) {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), FETCH_TIMEOUT_MS);
    try {
      const res = await window.mhaSession.authFetch(url, { signal: ctrl.signal, headers: { Accept: "application/json" } });
      if (!res.ok) {
        const err = new Error(`${url}: HTTP ${res.status}`);
        err.status = res.status;
        throw err;
      }
      return await res.json();
    } finally {
      clearTimeout(timer);
    }
  }

  // ---------------------------------------------------------------- model

  // Normalises one department snapshot from the API or the hub. Returns null if unusable.
  function normDept(raw, fallback) {
    if (!raw || typeof raw !== "object") return null;
    let hospitalId = num(raw.hospital_id);
    if (hospitalId === null && fallback) hospitalId = fallback.id;
    const department = str(raw.department);
    if (hospitalId === null || !Number.isInteger(hospitalId) || department === "") return null;

    const capacity = num(raw.capacity);
    const staffedRaw = num(raw.staffed_beds);
    const staffed = staffedRaw !== null ? staffedRaw : capacity;
    const occupied = num(raw.occupied);
    let available = num(raw.available);
    if (available === null && staffed !== null && occupied !== null) available = Math.max(0, staffed - occupied);
    let pct = num(raw.occupancy_pct);
    if (pct === null) pct = pctOf(occupied, staffed);

    return {
      hospitalId,
      hospitalName: str(raw.hospital_name) || (fallback ? fallback.name : ""),
      department,
      capacity,
      staffed,
      occupied,
      available,
      pct,
      admissions: num(raw.admissions_last_hour),
      discharges: num(raw.discharges_last_hour),
      updatedAt: parseTime(raw.updated_at),
    };
  }

  function totalsOf(depts) {
    const t = { capacity: 0, staffed: 0, occupied: 0, available: 0, admissions: 0, discharges: 0, count: 0 };
    for (const d of depts) {
      t.capacity += d.capacity || 0;
      t.staffed += d.staffed || 0;
      t.occupied += d.occupied || 0;
      t.available += d.available || 0;
      t.admissions += d.admissions || 0;
      t.discharges += d.discharges || 0;
      t.count += 1;
    }
    // Occupancy is occupied / staffed beds (staffed_beds falls back to capacity when absent).
    t.pct = t.count > 0 ? pctOf(t.occupied, t.staffed) : null;
    return t;
  }

  function serverTotals(raw) {
    const capacity = num(raw.capacity);
    const occupied = num(raw.occupied);
    let pct = num(raw.occupancy_pct);
    if (pct === null) pct = pctOf(occupied, capacity);
    return {
      capacity, staffed: capacity, occupied, available: num(raw.available), pct,
      admissions: num(raw.admissions_last_hour), discharges: num(raw.discharges_last_hour), count: 0,
    };
  }

  function hospitalTotals(h) {
    if (h.depts.size > 0) return totalsOf(h.depts.values());
    return h.serverTotals || totalsOf([]);
  }

  // ---------------------------------------------------------------- rendering

  function buildBar() {
    const bar = el("div", "bar");
    bar.setAttribute("aria-hidden", "true");
    for (const cls of ["tick-amber", "tick-red"]) bar.appendChild(el("span", `bar-tick ${cls}`));
    bar.appendChild(el("div", "bar-fill"));
    return bar;
  }

  function updateBar(bar, pct) {
    const fill = bar.querySelector(".bar-fill");
    const w = pct === null ? 0 : Math.max(0, Math.min(100, Number.isFinite(pct) ? pct : 100));
    fill.style.width = `${w}%`; // CSSOM, allowed under a strict CSP
    bar.querySelector(".tick-amber").style.left = `${state.config.amber_threshold_pct}%`;
    bar.querySelector(".tick-red").style.left = `${state.config.red_threshold_pct}%`;
  }

  function addHospital(id, name) {
    const card = el("section", "hospital status-unknown");
    card.dataset.hospitalId = String(id);

    const head = el("div", "hospital-head");
    const h2 = el("h2", "hospital-name");
    const link = el("a", "hospital-link", name || `Hospital ${id}`);
    link.href = `?hospital=${encodeURIComponent(String(id))}`;
    link.title = "Show only this hospital";
    h2.appendChild(link);

    const beds = el("div", "hospital-beds");
    const occ = el("span", "hospital-occupied", "–");
    const cap = el("span", "hospital-capacity", "–");
    beds.append(occ, el("span", "sep", " / "), cap);

    const line = el("div", "hospital-line");
    const pct = el("span", "hospital-pct", "–");
    const label = el("span", "status-label");
    const availWrap = el("span", "hospital-free");
    const avail = el("span", "hospital-available", "–");
    availWrap.append(avail, document.createTextNode(" free"));
    const flow = el("span", "hospital-flow");
    flow.title = "Admissions / discharges in the last hour";
    line.append(pct, label, availWrap, flow);

    const bar = buildBar();
    head.append(h2, beds, line, bar);

    const tiles = el("div", "tiles");
    card.append(head, tiles);

    const h = {
      id, name: name || `Hospital ${id}`, depts: new Map(), tiles: new Map(), serverTotals: null,
      card, link, occ, cap, pct, label, avail, flow, bar, tilesEl: tiles,
    };
    state.hospitals.set(id, h);

    // keep cards ordered by hospital id
    let before = null;
    for (const other of ui.board.querySelectorAll(":scope > .hospital")) {
      if (Number(other.dataset.hospitalId) > id) { before = other; break; }
    }
    ui.board.insertBefore(card, before);
    return h;
  }

  function setHospitalName(h, name) {
    if (!name || name === h.name) return;
    h.name = name;
    setText(h.link, name);
  }

  function removeHospital(id) {
    const h = state.hospitals.get(id);
    if (!h) return;
    h.card.remove();
    state.hospitals.delete(id);
  }

  function buildTile(h, name) {
    const tile = el("article", "tile status-unknown");
    tile.dataset.hospitalId = String(h.id);
    tile.dataset.department = name;

    const head = el("div", "tile-head");
    head.append(el("h3", "dept-name", name), el("span", "status-label"));

    const main = el("div", "tile-main");
    const count = el("span", "tile-count");
    const occupied = el("span", "occupied", "–");
    const capacity = el("span", "capacity", "–");
    count.append(occupied, el("span", "sep", " / "), capacity);
    count.title = "Occupied / capacity";
    const pct = el("span", "pct", "–");
    main.append(count, pct);

    const bar = buildBar();

    const foot = el("div", "tile-foot");
    const freeWrap = el("span", "free");
    const available = el("span", "available", "–");
    freeWrap.append(available, document.createTextNode(" free"));
    const flow = el("span", "flow");
    flow.title = "Admissions in / discharges out in the last hour";
    const admissions = el("span", "admissions", "–");
    const discharges = el("span", "discharges", "–");
    flow.append(document.createTextNode("↑"), admissions, document.createTextNode(" ↓"), discharges,
      document.createTextNode(" /h"));
    const staffedNote = el("span", "staffed-note");
    staffedNote.hidden = true;
    foot.append(freeWrap, staffedNote, flow);

    tile.append(head, main, bar, foot);
    if (state.bedAccess.has(`${h.id}/${name}`)) {
      const beds = el("button", "beds-button", "Beds");
      beds.type = "button";
      beds.title = `Patients in ${name}'s beds (viewing is recorded in the audit log)`;
      beds.addEventListener("click", () => showBeds(h, name));
      tile.append(beds);
    }
    tile.addEventListener("animationend", () => tile.classList.remove("flash"));

    const t = { tile, label: head.querySelector(".status-label"), occupied, capacity, pct, available, admissions, discharges, bar, staffedNote };

    // insert in canonical department order
    let before = null;
    for (const other of h.tilesEl.children) {
      if (compareDept(other.dataset.department, name) > 0) { before = other; break; }
    }
    h.tilesEl.insertBefore(tile, before);
    h.tiles.set(name, t);
    return t;
  }

  function renderTile(h, d, prev) {
    const t = h.tiles.get(d.department) || buildTile(h, d.department);
    const status = statusOf(d.pct);
    setStatus(t.tile, status);
    setText(t.label, TILE_LABEL[status]);
    setText(t.occupied, fmtInt(d.occupied));
    setText(t.capacity, fmtInt(d.capacity));
    setText(t.pct, fmtPct(d.pct));
    setText(t.available, fmtInt(d.available));
    setText(t.admissions, fmtInt(d.admissions));
    setText(t.discharges, fmtInt(d.discharges));
    const staffedDiffers = d.staffed !== null && d.capacity !== null && d.staffed !== d.capacity;
    t.staffedNote.hidden = !staffedDiffers;
    if (staffedDiffers) setText(t.staffedNote, `${fmtInt(d.staffed)} staffed`);
    t.tile.title = `${h.name} · ${d.department}: ${fmtInt(d.occupied)} of ${fmtInt(d.capacity)} beds occupied` +
      (status === "over" ? " · OVER CAPACITY" : "") +
      (d.updatedAt !== null ? ` · updated ${fmtClock(d.updatedAt)}` : "");
    updateBar(t.bar, d.pct);

    if (prev && (prev.occupied !== d.occupied || prev.capacity !== d.capacity || prev.available !== d.available)) {
      t.tile.classList.remove("flash");
      void t.tile.offsetWidth; // restart the animation
      t.tile.classList.add("flash");
    }
  }

  function removeDept(h, name) {
    const t = h.tiles.get(name);
    if (t) t.tile.remove();
    h.tiles.delete(name);
    h.depts.delete(name);
  }

  function renderHospitalTotals(h) {
    const t = hospitalTotals(h);
    const status = statusOf(t.pct);
    setStatus(h.card, status);
    setText(h.label, STATUS_LABEL[status]);
    setText(h.occ, fmtInt(t.occupied));
    setText(h.cap, fmtInt(t.capacity));
    setText(h.pct, fmtPct(t.pct));
    setText(h.avail, fmtInt(t.available));
    setText(h.flow, `↑${fmtInt(t.admissions)} in ↓${fmtInt(t.discharges)} out /h`);
    updateBar(h.bar, t.pct);
    return t;
  }

  function renderAllTotals() {
    const parts = [];
    let maxCols = 1;
    for (const h of state.hospitals.values()) {
      parts.push(renderHospitalTotals(h));
      maxCols = Math.max(maxCols, h.tiles.size);
    }
    ui.board.style.setProperty("--cols", String(maxCols));

    // network (or, in single-hospital view, that hospital) totals in the header
    const n = { capacity: 0, staffed: 0, occupied: 0, available: 0 };
    for (const p of parts) {
      n.capacity += p.capacity || 0;
      n.staffed += p.staffed || 0;
      n.occupied += p.occupied || 0;
      n.available += p.available || 0;
    }
    const has = parts.length > 0;
    const pct = has ? pctOf(n.occupied, n.staffed) : null;
    const status = has ? statusOf(pct) : "unknown";
    setText(ui.netOcc, has ? fmtInt(n.occupied) : "–");
    setText(ui.netCap, has ? fmtInt(n.capacity) : "–");
    setText(ui.netPct, fmtPct(pct));
    setText(ui.netAvail, has ? fmtInt(n.available) : "–");
    setText(ui.netStatus, has ? STATUS_LABEL[status] : "");
    setStatus(ui.totals, status);

    if (state.scopeHospitalId !== null) {
      const h = state.hospitals.get(state.scopeHospitalId);
      if (h) {
        setText(ui.totalsLabel, h.name);
        setText(ui.scopeLabel, `Showing ${h.name} only`);
        document.title = `${h.name} · MHA Live Bed Occupancy`;
      }
    }
    renderBoardMessage();
  }

  function renderBoardMessage() {
    let msg = "";
    if (state.notFound) msg = `Hospital ${state.scopeHospitalId} was not found.`;
    else if (state.hospitals.size === 0) msg = state.everHadData ? "No occupancy data." : "Loading occupancy…";
    ui.message.hidden = msg === "";
    setText(ui.message, msg);
  }

  // ---------------------------------------------------------------- applying data

  function inScope(hospitalId) {
    return state.scopeHospitalId === null || hospitalId === state.scopeHospitalId;
  }

  // Applies one department snapshot; ignores snapshots older than what is shown.
  function applyDept(d) {
    if (!inScope(d.hospitalId)) return false;
    let h = state.hospitals.get(d.hospitalId);
    if (!h) h = addHospital(d.hospitalId, d.hospitalName);
    else setHospitalName(h, d.hospitalName);
    const prev = h.depts.get(d.department);
    if (prev && prev.updatedAt !== null && d.updatedAt !== null && d.updatedAt < prev.updatedAt) return false;
    h.depts.set(d.department, d);
    renderTile(h, d, prev);
    return true;
  }

  // Full snapshot from the REST API: replaces the set of hospitals/departments in scope.
  function applySnapshot(hospitalsRaw) {
    const seen = new Set();
    for (const hr of hospitalsRaw) {
      if (!hr || typeof hr !== "object") continue;
      const id = num(hr.hospital_id);
      if (id === null || !Number.isInteger(id) || !inScope(id)) continue;
      seen.add(id);
      const name = str(hr.hospital_name);
      let h = state.hospitals.get(id);
      if (!h) h = addHospital(id, name);
      else setHospitalName(h, name);
      h.serverTotals = serverTotals(hr);

      const seenDepts = new Set();
      for (const dr of Array.isArray(hr.departments) ? hr.departments : []) {
        const d = normDept(dr, { id, name: h.name });
        if (!d || d.hospitalId !== id) continue;
        seenDepts.add(d.department);
        applyDept(d);
      }
      for (const deptName of [...h.depts.keys()]) {
        if (!seenDepts.has(deptName)) removeDept(h, deptName);
      }
    }
    for (const id of [...state.hospitals.keys()]) {
      if (!seen.has(id)) removeHospital(id);
    }
  }

  function markData() {
    state.lastDataAt = Date.now();
    state.everHadData = true;
    renderFreshness();
  }

  function onOccupancyMessage(msg) {
    if (!msg || typeof msg !== "object" || !Array.isArray(msg.departments)) return;
    let changed = false;
    for (const raw of msg.departments) {
      const d = normDept(raw, null);
      if (d && applyDept(d)) changed = true;
    }
    if (changed) renderAllTotals();
    markData();
  }

  async function refreshSnapshot() {
    if (state.fetchInFlight) { state.refetchPending = true; return; }
    state.fetchInFlight = true;
    state.lastFetchAttemptAt = Date.now();
    try {
      if (state.scopeHospitalId !== null) {
        const h = await fetchJson(`/api/occupancy/${state.scopeHospitalId}`);
        state.notFound = false;
        applySnapshot([h]);
      } else {
        const net = await fetchJson("/api/occupancy");
        applySnapshot(net && Array.isArray(net.hospitals) ? net.hospitals : []);
      }
      markData();
      renderAllTotals();
    } catch (err) {
      if (err && err.status === 404 && state.scopeHospitalId !== null) {
        state.notFound = true;
        renderBoardMessage();
      }
      console.warn("occupancy fetch failed", err);
    } finally {
      state.fetchInFlight = false;
      if (state.refetchPending) {
        state.refetchPending = false;
        refreshSnapshot();
      }
    }
  }

  async function loadConfig() {
    try {
      const c = await fetchJson("/api/board/config");
      const amber = num(c && c.amber_threshold_pct);
      const red = num(c && c.red_threshold_pct);
      const stale = num(c && c.stale_after_seconds);
      if (amber !== null && amber > 0) state.config.amber_threshold_pct = amber;
      if (red !== null && red > 0) state.config.red_threshold_pct = red;
      if (stale !== null && stale > 0) state.config.stale_after_seconds = stale;
    } catch (err) {
      console.warn("board config fetch failed; using defaults", err);
    }
    for (const n of document.querySelectorAll(".cfg-amber")) setText(n, fmtInt(state.config.amber_threshold_pct));
    for (const n of document.querySelectorAll(".cfg-red")) setText(n, fmtInt(state.config.red_threshold_pct));
  }

  // ---------------------------------------------------------------- freshness & connection UI

  function renderFreshness() {
    const now = Date.now();
    const staleMs = state.config.stale_after_seconds * 1000;
    let st;
    let text;
    if (!state.everHadData) {
      st = "none";
      text = "No data yet";
    } else {
      const age = now - state.lastDataAt;
      if (age < staleMs) {
        st = "fresh";
        text = `${state.live ? "Live" : "Not live"} · updated ${fmtAgo(age)} ago`;
      } else {
        st = age < 2 * staleMs ? "stale" : "dead";
        text = `Stale · no data for ${fmtAgo(age)}`;
      }
    }
    ui.freshness.dataset.state = st;
    ui.freshness.dataset.live = String(state.live);
    setText(ui.freshness, text);
    if (state.everHadData) ui.freshness.title = `Last data received ${fmtClock(state.lastDataAt)}`;
  }

  function setLive(live) {
    state.live = live;
    ui.banner.hidden = live;
    document.body.classList.toggle("disconnected", !live);
    if (!live) {
      setText(ui.bannerDetail, state.everHadData
        ? `Numbers below may be out of date · last data ${fmtClock(state.lastDataAt)}`
        : "Numbers below may be out of date.");
    }
    renderFreshness();
  }

  function tick() {
    setText(ui.clock, new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
    renderFreshness();
    // Pushes carry only changes, so a quiet unit sends nothing. Re-read the snapshot when nothing has
    // arrived for half the stale period (also the fallback while the hub is down).
    const pollMs = Math.max(5000, (state.config.stale_after_seconds * 1000) / 2);
    const now = Date.now();
    if (!state.fetchInFlight && now - state.lastDataAt >= pollMs && now - state.lastFetchAttemptAt >= pollMs) {
      refreshSnapshot();
    }
  }

  // ---------------------------------------------------------------- SignalR

  async function subscribe() {
    const c = state.connection;
    if (state.scopeHospitalId !== null) await c.invoke("SubscribeHospital", state.scopeHospitalId);
    else await c.invoke("SubscribeNetwork");
  }

  async function onConnected() {
    try {
      await subscribe();
    } catch (err) {
      console.warn("subscribe failed; restarting connection", err);
      // stop() fires onclose, which schedules a restart with back-off
      try { await state.connection.stop(); } catch (_) { /* ignore */ }
      return;
    }
    state.restartAttempt = 0;
    setLive(true);
    refreshSnapshot(); // state may have changed while we were away
  }

  function scheduleRestart() {
    if (state.restartTimer !== null) return;
    const base = RESTART_DELAYS_MS[Math.min(state.restartAttempt, RESTART_DELAYS_MS.length - 1)];
    state.restartAttempt += 1;
    const delay = base + Math.floor(Math.random() * 1000);
    state.restartTimer = setTimeout(startConnection, delay);
  }

  async function startConnection() {
    state.restartTimer = null;
    const c = state.connection;
    if (c.state !== signalR.HubConnectionState.Disconnected) return;
    try {
      await c.start();
    } catch (err) {
      console.warn("hub connection failed", err);
      setLive(false);
      scheduleRestart();
      return;
    }
    await onConnected();
  }

  function setupConnection() {
    if (typeof window.signalR === "undefined") {
      console.error("SignalR client not loaded; falling back to polling");
      setLive(false);
      return;
    }
    const c = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/occupancy", { accessTokenFactory: () => window.mhaSession.token() || "" })
      .withAutomaticReconnect(RECONNECT_DELAYS_MS)
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    c.on("occupancy", onOccupancyMessage);
    c.onreconnecting(() => setLive(false));
    c.onreconnected(() => { onConnected(); });
    c.onclose(() => { setLive(false); scheduleRestart(); });
    state.connection = c;
    startConnection();
  }

  // ---------------------------------------------------------------- start

  function parseScope() {
    const raw = new URLSearchParams(window.location.search).get("hospital");
    if (raw === null || !/^\d{1,9}$/.test(raw.trim())) return null;
    const id = Number(raw.trim());
    return id > 0 ? id : null;
  }

  // ---------------------------------------------------------------- bed-level detail (PHI: only for roles that may)

  function fmtDateTime(ms) {
    return ms === null ? "–" : new Date(ms).toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  }

  async function showBeds(h, department) {
    let dialog = $("beds-dialog");
    if (!dialog) {
      dialog = el("dialog", "beds-dialog");
      dialog.id = "beds-dialog";
      dialog.setAttribute("aria-labelledby", "beds-title");
      const close = el("button", "beds-close", "Close");
      close.type = "button";
      close.addEventListener("click", () => dialog.close());
      const table = el("table", "report beds-table");
      const headRow = el("tr");
      for (const c of ["Bed", "Patient", "Since", "Expected discharge"]) headRow.append(el("th", null, c));
      table.append(el("thead"), el("tbody"));
      table.tHead.append(headRow);
      dialog.append(el("h2", "beds-title", ""), el("p", "beds-note", "Patient detail: viewing is recorded in the audit log."), table, close);
      dialog.querySelector(".beds-title").id = "beds-title";
      document.body.append(dialog);
    }
    setText(dialog.querySelector(".beds-title"), `${h.name} · ${department}: beds`);
    const body = dialog.querySelector("tbody");
    body.replaceChildren(el("tr", null, "Loading…"));
    if (!dialog.open) dialog.showModal();
    try {
      const beds = await fetchJson(`/api/occupancy/${h.id}/departments/${encodeURIComponent(department)}/beds`);
      body.replaceChildren(...(Array.isArray(beds) ? beds : []).map((b) => {
        const row = el("tr");
        row.append(el("td", null, str(b.bed_id)), el("td", "patient", str(b.patient_id)),
          el("td", null, fmtDateTime(parseTime(b.since))), el("td", null, fmtDateTime(parseTime(b.expected_discharge))));
        return row;
      }));
      if (body.children.length === 0) body.replaceChildren(el("tr", null, "No occupied beds."));
    } catch (err) {
      body.replaceChildren(el("tr", null, err.status === 403 ? "Your role may not see this department's beds." : `Could not load the beds (${err.message}).`));
    }
  }

  // ---------------------------------------------------------------- alerts

  // Active alerts come from GET /api/alerts, polled: a handful of rows that change rarely, the same on every host.
  const ALERTS_POLL_MS = 5000;

  function renderAlerts(data) {
    const panel = $("alerts");
    const list = $("alerts-list");
    const active = Array.isArray(data && data.active) ? data.active : [];
    list.replaceChildren(...active.map((a) => {
      const item = el("li", `alert alert-${str(a.severity) || "info"}`);
      item.dataset.key = str(a.key);
      item.append(el("span", "alert-severity", (str(a.severity) || "info").toUpperCase()), el("span", "alert-summary", str(a.summary)));
      const raised = parseTime(a.raised_at);
      if (raised) item.append(el("span", "alert-since", `since ${fmtClock(raised)}`));
      return item;
    }));
    setText($("alerts-count"), active.length ? `(${active.length})` : "");
    panel.hidden = active.length === 0;
  }

  async function refreshAlerts() {
    try {
      renderAlerts(await fetchJson("/api/alerts"));
    } catch {
      // Keep the last list: the connection banner already says when the board is cut off.
    }
  }

  async function init() {
    ui.board = $("board");
    ui.message = $("board-message");
    ui.banner = $("connection-lost");
    ui.bannerDetail = $("connection-detail");
    ui.freshness = $("freshness");
    ui.clock = $("clock");
    ui.totals = document.querySelector(".header-totals");
    ui.totalsLabel = $("totals-label");
    ui.scopeLabel = $("scope-label");
    ui.netOcc = $("network-occupied");
    ui.netCap = $("network-capacity");
    ui.netPct = $("network-pct");
    ui.netAvail = $("network-available");
    ui.netStatus = $("network-status");

    const me = await window.mhaSession.ready();
    const can = me.can || {};
    const visible = Array.isArray(can.hospitals) ? can.hospitals : [];
    state.bedAccess = new Set((Array.isArray(can.beds) ? can.beds : []).map((b) => `${b.hospital_id}/${b.department}`));
    for (const [selector, allowed] of [["a[href='/quality']", can.quality], ["a[href='/pipeline']", can.pipeline]]) {
      const link = document.querySelector(selector);
      if (link) link.hidden = !allowed;
    }
    if (visible.length === 0) {
      setText(ui.message, `Your role (${me.role}) has no access to the board.`);
      ui.message.hidden = false;
      return;
    }

    // A role limited to one hospital sees that hospital, whatever the address asks for.
    state.scopeHospitalId = can.network ? parseScope() : visible[0];
    const back = $("back-to-network");
    back.href = window.location.pathname;
    if (state.scopeHospitalId !== null) {
      back.hidden = !can.network;
      ui.board.classList.add("single");
      setText(ui.totalsLabel, `Hospital ${state.scopeHospitalId}`);
      setText(ui.scopeLabel, `Showing hospital ${state.scopeHospitalId} only`);
    }

    setLive(false);
    setText(ui.clock, new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));

    await loadConfig();
    setupConnection();
    refreshSnapshot(); // marks the fetch in flight synchronously, so the first tick will not poll again
    setInterval(tick, 1000);
    tick();
    if (can.alerts) {
      refreshAlerts();
      setInterval(refreshAlerts, ALERTS_POLL_MS);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
