// Pledge supervisor dashboard. Everything comes from kpi-service's API with the bearer token
// (from the page's fragment #token=... or the form, kept in this tab's sessionStorage); the
// clocks at risk and overdue complaints come from sla-service and complaint-service, whose base
// URLs GET /dashboard/config.json gives. The live stream is read with fetch() because
// EventSource cannot send the token. Charts: Apache ECharts from its webjar (no CDN: CSP).
"use strict";

const HEADLINE = [
  "tickets.opened", "tickets.resolved", "first-response.attainment", "sla.attainment", "resolution.rate",
  "resolution.within-24h", "csat", "nps", "phone.service-level", "phone.abandonment",
  "complaints.per-1000", "onsite.same-day", "sla.breached",
];
const TREND = ["tickets.opened", "sla.attainment", "first-response.attainment", "resolution.rate"];
const SATISFACTION = ["csat", "nps"];
const PHONE = ["phone.service-level", "phone.abandonment"];
const UNITS = { percent: " %", seconds: " s", score: "", count: "", "per-1000": " ‰" };
const STATUS_TEXT = { ON_TARGET: "● on target", AT_RISK: "▲ at risk", OFF_TARGET: "✖ off target" };
const DAY = 86400000;

let settings = { silentAfterSeconds: 120 };
let definitions = {};
let bearer = null;
let lastUpdate = 0;
const csvSources = {};     // series name -> list of KPI API URLs whose CSV the button saves
const charts = {};
let scorecard = { rows: [], sortKey: "dimension", ascending: true };

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

function touched() {
  lastUpdate = Date.now();
  const el = document.getElementById("last-update");
  el.dateTime = new Date(lastUpdate).toISOString();
  el.textContent = new Date(lastUpdate).toLocaleTimeString();
  document.getElementById("silent").hidden = true;
}

function watchSilence() {
  const silent = lastUpdate && Date.now() - lastUpdate > settings.silentAfterSeconds * 1000;
  const el = document.getElementById("silent");
  el.hidden = !silent;
  if (silent) el.textContent = "No update for over " + Math.round(settings.silentAfterSeconds / 60)
    + " min: the numbers may be stale.";
}

async function api(url, accept = "application/json") {
  const response = await fetch(url, { headers: { Authorization: "Bearer " + bearer, Accept: accept } });
  if (!response.ok) throw new Error(url.split("?")[0] + ": HTTP " + response.status);
  return accept === "application/json" ? response.json() : response.blob();
}

function format(value, unit) {
  if (value === null || value === undefined) return "—";
  const digits = unit === "count" ? 0 : unit === "score" ? 2 : 1;
  return Number(value).toFixed(digits) + (UNITS[unit] ?? "");
}

function explain(metric) {
  const d = definitions[metric];
  if (!d) return metric;
  return (d.name ?? metric) + ": " + d.numerator + (d.denominator ? " of " + d.denominator : "")
    + ", in the bucket of " + d.bucket;
}

function statusText(status) {
  return STATUS_TEXT[status] ?? "no target";
}

// ---- what the caller may see, and what the page shows ----

function dimension() {
  return document.getElementById("scope").value;
}

function period() {
  const choice = document.getElementById("period").value;
  const now = new Date();
  if (choice === "today") return { bucket: "day", from: new Date(now.getFullYear(), now.getMonth(), now.getDate()) };
  if (choice === "week") return { bucket: "week", from: new Date(now.getTime() - 7 * DAY) };
  if (choice === "month") return { bucket: "month", from: new Date(now.getFullYear(), now.getMonth(), 1) };
  const [year, month] = (document.getElementById("month").value || monthOf(now)).split("-").map(Number);
  return { bucket: "month", from: new Date(year, month - 1, 1), to: new Date(year, month, 1) };
}

function monthOf(date) {
  return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0");
}

async function loadDimensions() {
  const seen = await api("/api/v1/kpis/dimensions");
  const select = document.getElementById("scope");
  const options = seen.all ? [["all", "all"]] : [];
  for (const name of ["team", "department", "agent", "channel"]) {
    for (const value of seen[name] ?? []) options.push([name + "=" + value, name + ": " + value]);
  }
  select.replaceChildren(...options.map(([value, text]) => new Option(text, value)));
}

// ---- headline tiles ----

function tile(kpi) {
  let el = document.getElementById("kpi-" + kpi.metric);
  if (!el) {
    el = document.createElement("section");
    el.className = "tile";
    el.id = "kpi-" + kpi.metric;
    el.tabIndex = 0;
    el.innerHTML = '<h3></h3><div class="value"></div><div class="target"></div>';
    document.getElementById("tiles").appendChild(el);
  }
  el.dataset.status = kpi.status;
  el.title = explain(kpi.metric);
  el.setAttribute("aria-description", el.title);
  el.querySelector("h3").textContent = kpi.description ?? definitions[kpi.metric]?.name ?? kpi.metric;
  el.querySelector(".value").textContent = format(kpi.value, kpi.unit ?? definitions[kpi.metric]?.unit);
  const unit = kpi.unit ?? definitions[kpi.metric]?.unit;
  el.querySelector(".target").textContent = kpi.target === null || kpi.target === undefined
    ? "no target" : "target " + format(kpi.target, unit) + " · " + statusText(kpi.status);
}

async function loadTiles() {
  const p = period();
  const current = await api("/api/v1/kpis/current?bucket=" + p.bucket + "&dimension=" + encodeURIComponent(dimension()));
  document.getElementById("tiles").replaceChildren();
  HEADLINE.forEach(name => {
    const kpi = current.kpis.find(k => k.metric === name);
    if (kpi) tile(kpi);
  });
  return current;
}

// ---- charts ----

function seriesUrl(metric, bucket, from, to) {
  return "/api/v1/kpis?metric=" + encodeURIComponent(metric) + "&dimension=" + encodeURIComponent(dimension())
    + "&bucket=" + bucket + "&from=" + from.toISOString() + (to ? "&to=" + to.toISOString() : "");
}

async function lineChart(name, metrics, bucket, from) {
  csvSources[name] = metrics.map(m => seriesUrl(m, bucket, from));
  const series = await Promise.all(csvSources[name].map(url => api(url)));
  const chart = charts[name] ??= echarts.init(document.getElementById("chart-" + name));
  const lines = [];
  for (const s of series) {
    lines.push({ name: s.metric, type: "line", data: s.points.map(p => [p.bucketStart, p.value]) });
    const target = s.points.findLast(p => p.target !== null && p.target !== undefined)?.target;
    if (target !== undefined) {
      lines.push({ name: s.metric + " target", type: "line", symbol: "none", lineStyle: { type: "dashed" },
        data: s.points.map(p => [p.bucketStart, p.target]) });
    }
  }
  chart.setOption({
    aria: { enabled: true }, tooltip: { trigger: "axis" }, legend: { type: "scroll" },
    xAxis: { type: "time" }, yAxis: { type: "value" }, series: lines,
  }, true);
  chart.getDom().setAttribute("aria-label", metrics.map(explain).join("; "));
}

async function slaChart(current) {
  const attainment = current.kpis.filter(k => k.metric.startsWith("sla.attainment."));
  csvSources.sla = attainment.map(k => seriesUrl(k.metric, current.bucket.toLowerCase(), new Date(current.bucketStart)));
  const chart = charts.sla ??= echarts.init(document.getElementById("chart-sla"));
  chart.setOption({
    aria: { enabled: true }, tooltip: {},
    xAxis: { type: "category", data: attainment.map(k => k.metric.slice("sla.attainment.".length)) },
    yAxis: { type: "value", max: 100 },
    series: [{ name: "attainment %", type: "bar", data: attainment.map(k => k.value) },
             { name: "target", type: "scatter", symbol: "diamond", data: attainment.map(k => k.target) }],
  }, true);
}

async function loadCharts(current) {
  const now = Date.now();
  const midnight = new Date(); midnight.setHours(0, 0, 0, 0);
  await Promise.all([
    lineChart("days", TREND, "day", new Date(now - 30 * DAY)),
    lineChart("hours", TREND, "hour", midnight),
    lineChart("satisfaction", SATISFACTION, "day", new Date(now - 30 * DAY)),
    lineChart("phone", PHONE, "hour", midnight),
    slaChart(current),
  ]);
}

// ---- monthly scorecard ----

async function loadScorecard() {
  const p = period();
  const month = monthOf(p.from);
  const by = document.getElementById("scorecard-by").value;
  const result = await api("/api/v1/kpis/scorecards?by=" + by + "&month=" + month);
  scorecard.url = "/api/v1/kpis/scorecards?by=" + by + "&month=" + month;
  scorecard.metrics = [...new Set(result.scorecards.flatMap(s => s.kpis.map(k => k.metric)))];
  scorecard.rows = result.scorecards.map(s => ({ dimension: s.dimension,
    kpis: Object.fromEntries(s.kpis.map(k => [k.metric, k])) }));
  renderScorecard();
}

function sortValue(row, key) {
  return key === "dimension" ? row.dimension : row.kpis[key]?.value ?? -Infinity;
}

function renderScorecard() {
  const { sortKey, ascending } = scorecard;
  const rows = [...scorecard.rows].sort((a, b) => {
    const x = sortValue(a, sortKey), y = sortValue(b, sortKey);
    return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
  });
  const head = document.createElement("tr");
  for (const key of ["dimension", ...scorecard.metrics]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.setAttribute("aria-sort", key === sortKey ? (ascending ? "ascending" : "descending") : "none");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = key === "dimension" ? document.getElementById("scorecard-by").value : key;
    if (key !== "dimension") button.title = explain(key);
    button.addEventListener("click", () => {
      scorecard.ascending = scorecard.sortKey === key ? !scorecard.ascending : true;
      scorecard.sortKey = key;
      renderScorecard();
    });
    th.append(button);
    head.append(th);
  }
  document.querySelector("#scorecard thead").replaceChildren(head);
  document.querySelector("#scorecard tbody").replaceChildren(...rows.map(row => {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = row.dimension;
    tr.append(th);
    for (const metric of scorecard.metrics) {
      const td = document.createElement("td");
      const kpi = row.kpis[metric];
      if (kpi) {
        td.className = "status-" + kpi.status;
        td.textContent = format(kpi.value, kpi.unit) + " " + statusText(kpi.status);
        td.title = explain(metric);
      }
      tr.append(td);
    }
    return tr;
  }));
}

// ---- CSV downloads: the API's own CSV (Accept: text/csv), saved as a Blob ----

async function download(urls, name) {
  const blobs = await Promise.all(urls.map(url => api(url, "text/csv")));
  // several series of one chart: one file, each series' header kept once
  const texts = await Promise.all(blobs.map(b => b.text()));
  const text = texts.map((t, i) => i === 0 ? t : t.slice(t.indexOf("\n") + 1)).join("");
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
  link.download = name + ".csv";
  link.click();
  URL.revokeObjectURL(link.href);
}

// ---- needs action now: sla-service and complaint-service, every 30 s ----

async function loadActions() {
  const team = dimension().startsWith("team=") ? "&team=" + encodeURIComponent(dimension().slice(5)) : "";
  try {
    const clocks = await api(settings.slaUrl + "/api/v1/sla/at-risk?within=PT1H" + team);
    fill("at-risk", clocks.map(c => c.metric + " · ticket " + c.ticketId + " · due "
      + new Date(c.dueAt).toLocaleTimeString() + (c.team ? " · " + c.team : "")), "no clock due within the hour");
  } catch (e) {
    fill("at-risk", [], "unavailable (" + e.message + ")");
  }
  try {
    const page = await api(settings.complaintUrl + "/api/v1/complaints?overdue=true");
    fill("overdue", page.items.map(c => "level " + c.level + " · " + c.state + " · ticket " + c.ticketId
      + (c.team ? " · " + c.team : "")), "no overdue complaint");
  } catch (e) {
    fill("overdue", [], "unavailable (" + e.message + ")");
  }
}

// Root causes change only when a complaint closes: read with the actions, every 30 s.
async function loadRootCauses() {
  try {
    const ranking = await api("/api/v1/kpis/root-causes?limit=5&dimension=" + encodeURIComponent(dimension()));
    fill("root-causes ol", ranking.rootCauses.map(cause =>
      cause.rootCause + " — " + cause.complaints + " (" + cause.share.toFixed(0) + " %)"), "none closed");
  } catch (e) {
    fill("root-causes ol", [], "unavailable (" + e.message + ")");
  }
}

function fill(id, lines, empty) {
  document.querySelector("#" + id).replaceChildren(...(lines.length ? lines : [empty]).map(text => {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  }));
}

// ---- live stream ----

async function follow(current, signal) {
  const response = await fetch("/api/v1/kpis/stream?bucket=" + current.bucket.toLowerCase()
      + "&dimension=" + encodeURIComponent(dimension()), {
    headers: { Authorization: "Bearer " + bearer, Accept: "text/event-stream" }, signal,
  });
  if (!response.ok) throw new Error("stream: HTTP " + response.status);
  setStatus("live", "live");
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("stream closed");
    touched();
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = message.split("\n").filter(l => l.startsWith("data:")).map(l => l.slice(5)).join("\n");
      if (!data) continue;
      const snapshot = JSON.parse(data);
      if (snapshot.bucketStart === current.bucketStart && HEADLINE.includes(snapshot.metric)) tile(snapshot);
    }
  }
}

let running = null;

async function show() {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  while (!controller.signal.aborted) {
    try {
      const current = await loadTiles();
      touched();
      await Promise.all([loadCharts(current), loadScorecard()]);
      await follow(current, controller.signal);
    } catch (e) {
      if (controller.signal.aborted) return;
      setStatus("error", "reconnecting (" + e.message + ")");
      await new Promise(resolve => setTimeout(resolve, 3000));
    }
  }
}

async function start() {
  bearer = token();
  if (!bearer) {
    const form = document.getElementById("login");
    form.hidden = false;
    setStatus("error", "a token with the dashboard or supervisor role is needed");
    form.addEventListener("submit", event => {
      event.preventDefault();
      sessionStorage.setItem("pledge.token", document.getElementById("token").value.trim());
      form.hidden = true;
      start();
    }, { once: true });
    return;
  }
  settings = await (await fetch("/dashboard/config.json")).json();
  definitions = Object.fromEntries((await api("/api/v1/kpis/definitions")).map(d => [d.id, d]));
  await loadDimensions();
  document.getElementById("month").value = monthOf(new Date());
  for (const id of ["scope", "period", "month"]) document.getElementById(id).addEventListener("change", show);
  document.getElementById("scorecard-by").addEventListener("change", loadScorecard);
  document.getElementById("scorecard-csv").addEventListener("click", () => download([scorecard.url], "scorecard"));
  document.querySelectorAll("button.csv").forEach(button => button.addEventListener("click",
    () => download(csvSources[button.dataset.series] ?? [], button.dataset.series)));
  window.addEventListener("resize", () => Object.values(charts).forEach(c => c.resize()));
  setInterval(watchSilence, 5000);
  const refresh = () => { loadActions(); loadRootCauses(); };
  refresh();
  setInterval(refresh, 30000);
  show();
}

start();
