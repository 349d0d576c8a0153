// Pledge live dashboard: the headline KPIs of the day against their targets. The first values
// come from GET /api/v1/kpis/current, each change from the SSE stream /api/v1/kpis/stream, read
// with fetch() because EventSource cannot send the bearer token. The token comes from the page's
// fragment (#token=...) or the form, and stays in this tab (sessionStorage). What each tile counts
// (its tooltip) comes from GET /api/v1/kpis/definitions: the catalogue's own words.
"use strict";

const HEADLINE = [
  "tickets.opened", "tickets.resolved", "first-response.attainment", "sla.attainment", "resolution.rate",
  "resolution.within-24h", "csat", "satisfaction.score", "phone.service-level", "phone.abandonment",
  "complaints.per-1000", "onsite.same-day", "sla.breached",
];
const UNITS = { percent: " %", seconds: " s", score: "", count: "", "per-1000": " ‰" };
let definitions = {};

function token() {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromFragment) {
    sessionStorage.setItem("pledge.token", fromFragment);
    history.replaceState(null, "", location.pathname);
  }
  return sessionStorage.getItem("pledge.token");
}

function setStatus(state, text) {
  const el = document.getElementById("status");
  el.dataset.state = state;
  el.textContent = text;
}

function format(value, unit) {
  if (value === null || value === undefined) return "—";
  const digits = unit === "count" ? 0 : unit === "score" ? 2 : 1;
  return Number(value).toFixed(digits) + (UNITS[unit] ?? "");
}

function tile(kpi) {
  let el = document.getElementById("kpi-" + kpi.metric);
  if (!el) {
    el = document.createElement("section");
    el.className = "tile";
    el.id = "kpi-" + kpi.metric;
    el.innerHTML = '<h2></h2><div class="value"></div><div class="target"></div>';
    document.getElementById("tiles").appendChild(el);
  }
  el.dataset.status = kpi.status;
  const definition = definitions[kpi.metric];
  if (definition) el.title = explain(definition);
  el.querySelector("h2").textContent = kpi.description ?? kpi.metric;
  el.querySelector(".value").textContent = format(kpi.value, kpi.unit);
  el.querySelector(".target").textContent = kpi.target === null || kpi.target === undefined
    ? "no target" : "target " + format(kpi.target, kpi.unit) + " · " + kpi.status.toLowerCase().replace("_", " ");
}

function explain(definition) {
  return definition.numerator + (definition.denominator ? "\nof " + definition.denominator : "")
    + "\nin the bucket of " + definition.bucket;
}

async function loadDefinitions(bearer) {
  const response = await fetch("/api/v1/kpis/definitions", { headers: { Authorization: "Bearer " + bearer } });
  if (!response.ok) throw new Error("definitions: HTTP " + response.status);
  definitions = Object.fromEntries((await response.json()).map(d => [d.id, d]));
}

async function load(bearer) {
  await loadDefinitions(bearer);
  const response = await fetch("/api/v1/kpis/current?bucket=day&dimension=all", {
    headers: { Authorization: "Bearer " + bearer },
  });
  if (!response.ok) throw new Error("current KPIs: HTTP " + response.status);
  const current = await response.json();
  HEADLINE.forEach(name => {
    const kpi = current.kpis.find(k => k.metric === name);
    if (kpi) tile(kpi);
  });
  return current.bucketStart;
}

// Root causes change only when a complaint closes: read at each (re)connect and once a minute.
async function loadRootCauses(bearer) {
  try {
    const response = await fetch("/api/v1/kpis/root-causes?limit=5", { headers: { Authorization: "Bearer " + bearer } });
    if (!response.ok) return;
    const ranking = await response.json();
    const list = document.querySelector("#root-causes ol");
    list.replaceChildren(...ranking.rootCauses.map(cause => {
      const item = document.createElement("li");
      item.textContent = cause.rootCause + " — " + cause.complaints + " (" + cause.share.toFixed(0) + " %)";
      return item;
    }));
    if (!ranking.rootCauses.length) list.innerHTML = "<li>none closed</li>";
  } catch (e) {
    // a side panel: the headline tiles and their stream go on without it
  }
}

async function follow(bearer, bucketStart) {
  const response = await fetch("/api/v1/kpis/stream?bucket=day&dimension=all", {
    headers: { Authorization: "Bearer " + bearer, Accept: "text/event-stream" },
  });
  if (!response.ok) throw new Error("stream: HTTP " + response.status);
  setStatus("live", "live");
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("stream closed");
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = message.split("\n").filter(l => l.startsWith("data:")).map(l => l.slice(5)).join("\n");
      if (!data) continue;
      const snapshot = JSON.parse(data);
      // only today's bucket, and only the headline KPIs
      if (snapshot.bucketStart === bucketStart && HEADLINE.includes(snapshot.metric)) {
        const known = document.getElementById("kpi-" + snapshot.metric);
        tile({ ...snapshot, description: known?.querySelector("h2").textContent });
      }
    }
  }
}

async function start() {
  const bearer = token();
  if (!bearer) {
    const form = document.getElementById("login");
    form.hidden = false;
    setStatus("error", "a token with the dashboard role is needed");
    form.addEventListener("submit", event => {
      event.preventDefault();
      sessionStorage.setItem("pledge.token", document.getElementById("token").value.trim());
      form.hidden = true;
      start();
    }, { once: true });
    return;
  }
  setInterval(() => loadRootCauses(bearer), 60000);
  for (;;) {
    try {
      loadRootCauses(bearer);
      const bucketStart = await load(bearer);
      await follow(bearer, bucketStart);
    } catch (e) {
      setStatus("error", "reconnecting (" + e.message + ")");
      await new Promise(resolve => setTimeout(resolve, 3000));
    }
  }
}

start();
