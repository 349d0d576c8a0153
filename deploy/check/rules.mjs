// What the rendered manifests must say about Pledge itself, derived from the code and configuration
// the services run with, so the rules stay right as the services grow:
// topics (contracts' Topics, every application.properties), configuration keys (every ${VAR} the
// services read), Kafka ACLs, network reach, pod hardening and shutdown timing, and where health
// and metrics are served (the management interface) and who may reach them; and that the alerts
// and the Grafana dashboard read only metrics the services serve, and say what an operator needs.
import fs from "node:fs";
import path from "node:path";
import { parser as promql } from "@prometheus-io/lezer-promql";

/** The namespace whose pods (Prometheus) alone may reach the services' management port. */
export const MONITORING_NAMESPACE = "monitoring";

/**
 * Topics only named services may touch (blueprint §2): the survey links carry the tokens that open a
 * customer's survey page, for the one service that hands them to the customer's CRM.
 */
export const RESTRICTED_TOPICS = {
  "pledge.surveys.links": { writers: ["survey-service"], readers: ["notify-service"] },
};

/**
 * The services that deliver outside the cluster (blueprint §1), and how: notify-service sends
 * webhooks to the subscribers' https endpoints (port 443, public addresses or those the operator
 * allow-listed in the variable named) and mail to the site's SMTP relay (the mail ports, or the port
 * its variable names). Every other service reaches only DNS, Kafka and its own database.
 */
export const OUTBOUND = {
  "notify-service": { httpsAllowedVariable: "PLEDGE_WEBHOOK_ALLOWED_ADDRESSES", smtpPortVariable: "PLEDGE_SMTP_PORT" },
};
const HTTPS_PORT = 443;
const SMTP_PORTS = [25, 465, 587];
/** Private, shared, loopback and link-local ranges: never reached by a webhook unless allow-listed. */
const PRIVATE_RANGES = ["10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16",
  "::1/128", "fc00::/7", "fe80::/10"];

/**
 * The metrics the services serve on /q/metrics that deploy/k8s's alerts and dashboard may read: the
 * Prometheus name, its type (a histogram, a Micrometer timer with buckets, is read as _bucket,
 * _count, _sum and _max) and where it comes from: a file and the text that registers it there,
 * which readProject looks for, so that a meter renamed in the code fails here rather than as an
 * alert that never fires. What Quarkus registers itself points at the test that shows it on
 * /q/metrics.
 */
export const EXPOSED_METRICS = [
  { name: "pledge_consumer_lag_seconds", type: "gauge",
    in: "platform/src/main/java/io/pledge/platform/events/ConsumerLag.java", registers: '"pledge.consumer.lag"' },
  { name: "pledge_consumer_delay_seconds", type: "histogram",
    in: "platform/src/main/java/io/pledge/platform/events/ConsumerLag.java", registers: '"pledge.consumer.delay"' },
  { name: "pledge_consumer_dead_lettered_total", type: "counter",
    in: "platform/src/main/java/io/pledge/platform/events/ConsumerLag.java", registers: '"pledge.consumer.dead.lettered"' },
  { name: "pledge_outbox_pending", type: "gauge",
    in: "platform/src/main/java/io/pledge/platform/outbox/OutboxRelay.java", registers: '"pledge.outbox.pending"' },
  { name: "pledge_outbox_oldest_age_seconds", type: "gauge",
    in: "platform/src/main/java/io/pledge/platform/outbox/OutboxRelay.java", registers: '"pledge.outbox.oldest.age"' },
  { name: "pledge_sla_breach_announcement_delay_seconds", type: "histogram",
    in: "sla-service/src/main/java/io/pledge/sla/clock/SlaClocks.java", registers: '"pledge.sla.breach.announcement.delay"' },
  { name: "pledge_webhook_subscriptions_disabled", type: "gauge",
    in: "notify-service/src/main/java/io/pledge/notify/webhook/DisabledEndpoints.java", registers: '"pledge.webhook.subscriptions.disabled"' },
  // Quarkus' HTTP server timer; its buckets are Pledge's (platform RequestDurationBuckets)
  { name: "http_server_requests_seconds", type: "histogram",
    in: "platform/src/main/java/io/pledge/platform/metrics/RequestDurationBuckets.java", registers: '"http.server.requests"' },
  // Quarkus' Kafka binder (quarkus.micrometer.binder.kafka.enabled, on by default): the consumer's records-lag-max
  { name: "kafka_consumer_fetch_manager_records_lag_max", type: "gauge",
    in: "complaint-service/src/test/java/io/pledge/complaint/OperatorMetricsTest.java", registers: "kafka_consumer_fetch_manager_records_lag_max" },
];

/** What the dashboard must show: for each, the expressions one panel's targets must all contain (whitespace aside). */
export const DASHBOARD_PANELS = {
  "consumer lag in seconds, per consumer": [/by \(consumer\) \(pledge_consumer_lag_seconds\b/],
  "consumer records behind": [/\bkafka_consumer_fetch_manager_records_lag_max\b/],
  "consumer delay p50 and p99, per consumer": [
    /histogram_quantile\(0\.5, sum by \(consumer, le\) \(rate\(pledge_consumer_delay_seconds_bucket\b/,
    /histogram_quantile\(0\.99, sum by \(consumer, le\) \(rate\(pledge_consumer_delay_seconds_bucket\b/],
  "outbox pending": [/\bpledge_outbox_pending\b/],
  "outbox oldest pending age": [/\bpledge_outbox_oldest_age_seconds\b/],
  "dead letters": [/\bpledge_consumer_dead_lettered_total\b/],
  "breach announcement delay p99": [/histogram_quantile\(0\.99, .*\bpledge_sla_breach_announcement_delay_seconds_bucket\b/],
  "webhook subscriptions disabled": [/\bpledge_webhook_subscriptions_disabled\b/],
  "HTTP p99 per service": [/histogram_quantile\(0\.99, sum by \(service, le\) \(rate\(http_server_requests_seconds_bucket\b/],
};

/** What must be alerted on (issue #17): for each, a metric one alert's expression reads. */
export const ALERTED = {
  "consumer lag over a minute": "pledge_consumer_lag_seconds",
  "consumer records behind": "kafka_consumer_fetch_manager_records_lag_max",
  "outbox oldest pending over a minute": "pledge_outbox_oldest_age_seconds",
  "any record on a .dlq": "pledge_consumer_dead_lettered_total",
  "a breach announced later than 5 s": "pledge_sla_breach_announcement_delay_seconds_bucket",
  "a webhook endpoint disabled": "pledge_webhook_subscriptions_disabled",
};
const SEVERITIES = ["critical", "warning", "info"];

/** The project as the rules see it: services, the topics they use, the variables they read. */
export function readProject(repo) {
  const read = (file) => fs.readFileSync(path.join(repo, file), "utf8");
  const topicsJava = read("contracts/src/main/java/io/pledge/contracts/Topics.java");
  const dlqSuffix = topicsJava.match(/deadLetterOf\(String topic\) \{\s*return topic \+ "([^"]+)"/)[1];
  const platformProperties = "platform/src/main/resources/META-INF/microprofile-config.properties";
  const services = fs.readdirSync(repo)
    .filter((dir) => dir.endsWith("-service") && fs.existsSync(path.join(repo, dir, "src/main/resources/application.properties")))
    .map((name) => {
      const file = `${name}/src/main/resources/application.properties`;
      const properties = parseProperties(read(file));
      const config = productionConfig(read(platformProperties), read(file));
      return {
        name,
        kafka: kafkaUse(properties),
        // Quarkus' defaults where nothing is set: HTTP 8080; management interface off, else on 9000
        // under /q; Prometheus at <root>/metrics
        httpPort: Number(config.get("quarkus.http.port") ?? 8080),
        management: {
          enabled: config.get("quarkus.management.enabled") === "true",
          port: Number(config.get("quarkus.management.port") ?? 9000),
          rootPath: config.get("quarkus.management.root-path") ?? "/q",
          metricsPath: config.get("quarkus.micrometer.export.prometheus.path") ?? "metrics",
        },
        variables: [...envVariables(read(file), file), ...envVariables(read(platformProperties), platformProperties)],
      };
    });
  return {
    services,
    dlq: (topic) => topic + dlqSuffix,
    isDlq: (topic) => topic.endsWith(dlqSuffix),
    contractTopics: [...topicsJava.matchAll(/static final String \w+ = "([^"]+)"/g)].map((m) => m[1]),
    // deploy/local/kafka.sh is where the project says which topics are compacted
    compactedTopics: read("deploy/local/kafka.sh").match(/^COMPACTED_TOPICS=\(([^)]*)\)/m)[1].trim().split(/\s+/),
    devSecrets: Object.fromEntries(read("deploy/local/dev-secrets.env").split("\n")
      .filter((l) => /^[A-Z]/.test(l)).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)])),
    devJwtPublicKey: read("deploy/local/jwt/public.pem"),
    exposedMetrics: EXPOSED_METRICS.map((m) => {
      const file = path.join(repo, m.in);
      return { ...m, registered: fs.existsSync(file) && fs.readFileSync(file, "utf8").includes(m.registers) };
    }),
  };
}

/** Production's view of a properties file: keys without a profile, overridden by %prod ones. */
function parseProperties(text) {
  const plain = new Map();
  const prod = new Map();
  for (const line of text.split("\n")) {
    const m = line.match(/^\s*([^#!\s][^=]*?)\s*=\s*(.*)$/);
    if (!m) continue;
    if (m[1].startsWith("%prod.")) prod.set(m[1].slice("%prod.".length), m[2]);
    else if (!m[1].startsWith("%")) plain.set(m[1], m[2]);
  }
  return new Map([...plain, ...prod]);
}

/**
 * What Quarkus reads in production from the platform's defaults and a service's own file: a
 * %prod.key wins over a plain key wherever each is (SmallRye Config looks up the profile first),
 * the service's file over the platform's. ${VAR:default} stands for its default.
 */
function productionConfig(platformText, serviceText) {
  const layers = [platformText, serviceText].map((text) => {
    const plain = new Map();
    const prod = new Map();
    for (const line of text.split("\n")) {
      const m = line.match(/^\s*([^#!\s][^=]*?)\s*=\s*(.*)$/);
      if (!m) continue;
      const value = m[2].replace(/^\$\{[A-Za-z0-9_.-]+:([^}]*)\}$/, "$1");
      if (m[1].startsWith("%prod.")) prod.set(m[1].slice("%prod.".length), value);
      else if (!m[1].startsWith("%")) plain.set(m[1], value);
    }
    return { plain, prod };
  });
  return new Map([...layers.flatMap((l) => [...l.plain]), ...layers.flatMap((l) => [...l.prod])]);
}

/** ${VAR} and ${VAR:default} references to environment variables (upper case), with where from. */
function envVariables(text, file) {
  return [...new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::[^}]*)?\}/g)].map((m) => m[1]))]
    .map((name) => ({ name, file }));
}

/** Topics a service reads (and with which groups) and writes, from its SmallRye channels. */
function kafkaUse(properties) {
  const channels = new Map();
  for (const [key, value] of properties) {
    const m = key.match(/^mp\.messaging\.(incoming|outgoing)\.([^.]+)\.(.+)$/);
    if (!m) continue;
    const id = `${m[1]}:${m[2]}`;
    if (!channels.has(id)) channels.set(id, { direction: m[1], attributes: {} });
    channels.get(id).attributes[m[3]] = value;
  }
  const use = { reads: [], groups: [], writes: [], deadLettered: [] };
  for (const { direction, attributes } of channels.values()) {
    const topics = (attributes.topics ?? attributes.topic ?? "").split(",").map((t) => t.trim()).filter(Boolean);
    if (direction === "outgoing") {
      use.writes.push(...topics);
      continue;
    }
    use.reads.push(...topics);
    if (attributes["group.id"]) use.groups.push(attributes["group.id"]);
    if (attributes["dead-letter-queue.topic"]) use.writes.push(attributes["dead-letter-queue.topic"]);
    // a consumer puts what it cannot apply on the topic's .dlq (blueprint §3), unless it ignores it
    if (attributes["failure-strategy"] !== "ignore") use.deadLettered.push(...topics);
  }
  return use;
}

/** Each rule: (project, objects, overlay) -> error messages. */
export const rules = {
  "every topic the services use has a KafkaTopic"(project, objects) {
    const declared = new Map(objects.filter((o) => o.kind === "KafkaTopic").map((o) => [o.spec.topicName ?? o.metadata.name, o]));
    const needed = new Set(project.contractTopics.flatMap((t) => [t, project.dlq(t)]));
    for (const s of project.services) {
      for (const t of [...s.kafka.reads, ...s.kafka.writes]) needed.add(t);
      for (const t of s.kafka.deadLettered) needed.add(project.dlq(t));
    }
    const errors = [...needed].filter((t) => !declared.has(t)).map((t) => `no KafkaTopic for ${t}`);
    for (const [name, topic] of declared) {
      const compacted = String(topic.spec.config?.["cleanup.policy"] ?? "delete").includes("compact");
      if (compacted !== project.compactedTopics.includes(name)) {
        errors.push(`${name}: cleanup.policy ${compacted ? "compacts" : "does not compact"}, deploy/local/kafka.sh's COMPACTED_TOPICS says otherwise`);
      }
    }
    return errors;
  },

  "every variable a service reads is set by its Deployment"(project, objects) {
    const errors = [];
    const configMapKeys = (name) => Object.keys(objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === name)?.data ?? {});
    for (const s of project.services) {
      const container = deploymentOf(objects, s.name)?.spec.template.spec.containers[0];
      if (!container) {
        errors.push(`no Deployment ${s.name}`);
        continue;
      }
      const fromSecret = new Set((container.env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name));
      const set = new Set([
        ...(container.env ?? []).map((e) => e.name),
        ...(container.envFrom ?? []).filter((f) => f.configMapRef).flatMap((f) => configMapKeys(f.configMapRef.name)),
      ]);
      for (const { name, file } of s.variables) {
        if (!set.has(name)) {
          errors.push(`${s.name} reads \${${name}} (${file}), its Deployment sets no ${name}`);
        } else if (/PASSWORD|_KEYS?$|JAAS/.test(name) && !fromSecret.has(name)) {
          errors.push(`${s.name}: ${name} is a secret and must come from a Secret (secretKeyRef)`);
        }
      }
    }
    for (const cm of objects.filter((o) => o.kind === "ConfigMap")) {
      for (const key of Object.keys(cm.data ?? {}).filter((k) => /PASSWORD|_KEYS?$|JAAS/.test(k))) {
        errors.push(`ConfigMap ${cm.metadata.name} holds ${key}, a secret`);
      }
    }
    return errors;
  },

  "each service's Kafka user may do what the service needs and no more"(project, objects) {
    const errors = [];
    const writers = new Map();
    for (const s of project.services) {
      const jaas = (deploymentOf(objects, s.name)?.spec.template.spec.containers[0].env ?? [])
        .find((e) => e.name === "KAFKA_SASL_JAAS_CONFIG")?.valueFrom?.secretKeyRef;
      const user = objects.find((o) => o.kind === "KafkaUser" && o.metadata.name === jaas?.name);
      if (!user) {
        errors.push(`${s.name}: KAFKA_SASL_JAAS_CONFIG does not come from the Secret of a KafkaUser`);
        continue;
      }
      const acls = user.spec.authorization?.acls ?? [];
      const allows = (operation, type, name) => acls.some((a) => (a.type ?? "allow") === "allow"
        && a.resource.type === type && (a.operations.includes(operation) || a.operations.includes("All"))
        && (a.resource.patternType === "prefix" ? name.startsWith(a.resource.name) : a.resource.name === name));
      for (const t of s.kafka.reads) {
        if (!allows("Read", "topic", t)) errors.push(`${s.name} reads ${t}, KafkaUser ${user.metadata.name} may not`);
      }
      // ${quarkus.uuid} and the like in a group id: decided at run time, so only a prefix covers it
      const groups = s.kafka.groups.map((g) => g.replace(/\$\{[^}]*\}/g, "<run-time>"));
      for (const g of groups) {
        if (!allows("Read", "group", g)) errors.push(`${s.name} joins group ${g}, KafkaUser ${user.metadata.name} may not`);
      }
      const needsWrite = [...s.kafka.writes, ...s.kafka.deadLettered.map(project.dlq)];
      for (const t of needsWrite) {
        if (!allows("Write", "topic", t)) errors.push(`${s.name} writes ${t}, KafkaUser ${user.metadata.name} may not`);
      }
      // No more: reads of what it consumes, its groups, and as writes its own topic (one:
      // blueprint §2) and the dead letters of what it reads.
      const deadLetters = new Set(s.kafka.deadLettered.map(project.dlq));
      const own = [];
      for (const a of acls) {
        const name = a.resource.name;
        const writes = a.operations.some((op) => !["Read", "Describe"].includes(op));
        if (name === "*" || a.resource.type === "cluster" || a.resource.type === "transactionalId") {
          errors.push(`KafkaUser ${user.metadata.name}: ${a.resource.type} ${name} is wider than a service needs`);
        } else if (a.resource.type === "group" && !groups.some((g) => (a.resource.patternType === "prefix" ? g.startsWith(name) : g === name))) {
          errors.push(`KafkaUser ${user.metadata.name} may join group ${name}, which ${s.name} does not use`);
        } else if (a.resource.type === "topic" && !writes && !s.kafka.reads.includes(name)) {
          errors.push(`KafkaUser ${user.metadata.name} may read ${name}, which ${s.name} does not consume`);
        } else if (a.resource.type === "topic" && writes) {
          if (a.resource.patternType === "prefix") {
            errors.push(`KafkaUser ${user.metadata.name} writes every topic starting with ${name}`);
          } else if (!project.isDlq(name)) {
            own.push(name);
          } else if (!deadLetters.has(name)) {
            errors.push(`KafkaUser ${user.metadata.name} writes ${name}, the dead letters of a topic ${s.name} does not read`);
          }
        }
      }
      // one topic, and topics under it (survey-service's pledge.surveys.links: its links, kept apart
      // from its events for their ACL)
      const root = own.reduce((a, b) => (b.length < a.length ? b : a), own[0]);
      if (own.some((t) => t !== root && !t.startsWith(`${root}.`))) {
        errors.push(`KafkaUser ${user.metadata.name} writes ${own.join(", ")}: a service publishes one topic (and topics under it)`);
      }
      for (const t of own) writers.set(t, [...(writers.get(t) ?? []), s.name]);
    }
    for (const t of project.contractTopics) {
      if ((writers.get(t) ?? []).length !== 1) errors.push(`${t} must have exactly one writing service, has ${writers.get(t) ?? "none"}`);
    }
    return errors;
  },

  "restricted topics are written and read by their services alone"(project, objects) {
    const errors = [];
    for (const user of objects.filter((o) => o.kind === "KafkaUser")) {
      for (const a of (user.spec.authorization?.acls ?? []).filter((a) => (a.type ?? "allow") === "allow" && a.resource.type === "topic")) {
        for (const [topic, allowed] of Object.entries(RESTRICTED_TOPICS)) {
          const covers = a.resource.name === "*" || (a.resource.patternType === "prefix" ? topic.startsWith(a.resource.name) : a.resource.name === topic);
          if (!covers) continue;
          const writes = a.operations.some((op) => !["Read", "Describe"].includes(op));
          const reads = a.operations.some((op) => ["Read", "All"].includes(op));
          if (writes && !allowed.writers.includes(user.metadata.name)) errors.push(`KafkaUser ${user.metadata.name} may write ${topic}: only ${allowed.writers} may`);
          if (reads && !allowed.readers.includes(user.metadata.name)) errors.push(`KafkaUser ${user.metadata.name} may read ${topic}: only ${allowed.readers} may`);
        }
      }
    }
    return errors;
  },

  "a service reaches only DNS, Kafka, its own database and what it delivers to"(project, objects) {
    const errors = [];
    const kafka = objects.find((o) => o.kind === "Kafka")?.metadata.name;
    for (const s of project.services) {
      const deployment = deploymentOf(objects, s.name);
      const db = databaseOf(objects, deployment);
      const outbound = OUTBOUND[s.name];
      const container = deployment.spec.template.spec.containers[0];
      const smtpPort = outbound && Number(variable(objects, container, outbound.smtpPortVariable));
      const allowListed = outbound ? String(variable(objects, container, outbound.httpsAllowedVariable) ?? "")
        .split(",").map((c) => c.trim()).filter(Boolean) : [];
      if (!db.cluster) {
        errors.push(`${s.name}: no CloudNativePG Cluster behind PLEDGE_DB_HOST=${db.host}`);
        continue;
      }
      if (db.cluster.spec.bootstrap?.initdb?.database !== db.name) {
        errors.push(`${s.name}: Cluster ${db.cluster.metadata.name} creates database ${db.cluster.spec.bootstrap?.initdb?.database}, the service uses ${db.name}`);
      }
      const credentials = [db.cluster.spec.bootstrap?.initdb?.secret?.name, ...(db.cluster.spec.managed?.roles ?? []).map((r) => r.passwordSecret?.name)];
      if (!credentials.every((name) => name === db.secret)) {
        errors.push(`${s.name}: reads its password from ${db.secret}, Cluster ${db.cluster.metadata.name} sets it from ${credentials}`);
      }
      const labels = deployment.spec.template.metadata.labels;
      const egress = objects.filter((o) => o.kind === "NetworkPolicy" && (o.spec.policyTypes ?? []).includes("Egress")
        && Object.entries(o.spec.podSelector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) && !o.spec.podSelector.matchExpressions);
      if (!egress.length) {
        errors.push(`${s.name}: no NetworkPolicy limits its egress`);
        continue;
      }
      const reached = new Set();
      for (const rule of egress.flatMap((p) => p.spec.egress ?? [])) {
        if (!rule.to) errors.push(`${s.name} may reach any address (an egress rule without "to")`);
        // numbered ports only: a port-less rule, a named port or a range opens more than the one asked
        const ports = (rule.ports ?? []).map((p) => (typeof p.port === "number" && p.endPort === undefined ? p.port : NaN));
        const onlyOn = (allowed) => ports.length > 0 && ports.every((p) => Number.isInteger(p) && allowed.includes(p));
        for (const peer of rule.to ?? []) {
          const pods = peer.podSelector?.matchLabels ?? {};
          const what = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "kube-system" && pods["k8s-app"] === "kube-dns" ? "dns"
            : !peer.namespaceSelector && !peer.ipBlock && pods["strimzi.io/cluster"] === kafka ? "kafka"
            : !peer.namespaceSelector && !peer.ipBlock && pods["cnpg.io/cluster"] === db.cluster.metadata.name ? "database"
            // webhooks: public addresses on 443, or what the operator allow-listed
            : outbound && peer.ipBlock && onlyOn([HTTPS_PORT]) && reachesOnlyPublic(peer.ipBlock, allowListed) ? "webhook receivers"
            // the SMTP relay, wherever the site runs it: only the mail ports
            : outbound && onlyOn([...SMTP_PORTS, smtpPort].filter(Number.isInteger)) ? "SMTP relay"
            : undefined;
          if (what) reached.add(what);
          else errors.push(`${s.name} may reach ${JSON.stringify(peer)} on ${JSON.stringify(rule.ports ?? "every port")}`);
          if (what === "SMTP relay" && ports.includes(smtpPort)) reached.add("SMTP relay's port");
        }
      }
      const needed = ["dns", "kafka", "database", ...(outbound ? ["webhook receivers", "SMTP relay's port"] : [])];
      for (const what of needed.filter((w) => !reached.has(w))) {
        errors.push(`${s.name} cannot reach its ${what === "SMTP relay's port" ? `SMTP relay on ${outbound.smtpPortVariable}=${smtpPort}` : what}`);
      }
    }
    return errors;
  },

  "service pods are hardened, probed and shut down in time"(project, objects) {
    const errors = [];
    for (const s of project.services) {
      const deployment = deploymentOf(objects, s.name);
      const pod = deployment.spec.template.spec;
      const container = pod.containers[0];
      const say = (message) => errors.push(`${s.name}: ${message}`);
      if (pod.securityContext?.runAsNonRoot !== true) say("runAsNonRoot is not set");
      if (pod.securityContext?.seccompProfile?.type !== "RuntimeDefault") say("no RuntimeDefault seccomp profile");
      if (container.securityContext?.readOnlyRootFilesystem !== true) say("the root filesystem is writable");
      if (container.securityContext?.allowPrivilegeEscalation !== false) say("privilege escalation is allowed");
      if (!container.securityContext?.capabilities?.drop?.includes("ALL")) say("capabilities are not all dropped");
      for (const [probe, path] of [["startupProbe", "/q/health/started"], ["livenessProbe", "/q/health/live"], ["readinessProbe", "/q/health/ready"]]) {
        if (container[probe]?.httpGet?.path !== path) say(`${probe} does not ask ${path}`);
      }
      for (const kind of ["requests", "limits"]) {
        if (!container.resources?.[kind]?.memory) say(`no memory ${kind}`);
      }
      if (!container.resources?.requests?.cpu) say("no cpu request");
      // SIGTERM comes after preStop; Quarkus then waits for requests up to quarkus.shutdown.timeout,
      // and the outbox relay takes up to 15 s more to stop (OutboxRelay.stop: 10 s join + 5 s close).
      const preStop = Number(container.lifecycle?.preStop?.exec?.command?.join(" ").match(/^sleep (\d+)$/)?.[1]
        ?? container.lifecycle?.preStop?.sleep?.seconds ?? 0);
      const shutdown = seconds(variable(objects, container, "QUARKUS_SHUTDOWN_TIMEOUT"));
      if (shutdown === undefined) say("QUARKUS_SHUTDOWN_TIMEOUT is not set: Quarkus would not wait for requests in flight");
      const needed = preStop + (shutdown ?? 0) + 15;
      if ((pod.terminationGracePeriodSeconds ?? 30) <= needed) {
        say(`terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds ?? 30} does not exceed preStop ${preStop} s + shutdown ${shutdown} s + relay 15 s`);
      }
      const selects = (o) => {
        const selector = Object.entries(o.spec.selector?.matchLabels ?? o.spec.selector ?? {});
        return selector.length > 0 && selector.every(([k, v]) => deployment.spec.template.metadata.labels[k] === v);
      };
      if (!objects.some((o) => o.kind === "Service" && selects(o))) say("no Service");
      if (!objects.some((o) => o.kind === "PodDisruptionBudget" && selects(o))) say("no PodDisruptionBudget");
      if (!objects.some((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === s.name)) say("no HorizontalPodAutoscaler");
    }
    return errors;
  },

  "probes and metrics scraping use the management port, never the public one"(project, objects) {
    const errors = [];
    for (const s of project.services) {
      const say = (message) => errors.push(`${s.name}: ${message}`);
      if (!s.management.enabled) {
        say("quarkus.management.enabled is not true in production: health and metrics would be served on the public port");
        continue;
      }
      const deployment = deploymentOf(objects, s.name);
      if (!deployment) {
        say("no Deployment");
        continue;
      }
      const container = deployment.spec.template.spec.containers[0];
      const { management, http, resolve } = portsOf(objects, s, container);
      const named = (name) => (container.ports ?? []).find((p) => p.name === name)?.containerPort;
      if (named("management") !== management) {
        say(`container port "management" is ${named("management")}, the management interface listens on ${management}`);
      }
      if (named("http") !== http) say(`container port "http" is ${named("http")}, the service listens on ${http}`);
      const which = (port) => (port === http ? "the public port" : port === undefined ? "no port of the container" : "not the management port");
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const asked = container[probe]?.httpGet?.port;
        if (resolve(asked) !== management) say(`${probe} asks port ${asked} (${which(resolve(asked))}), not the management port ${management}`);
      }
      const services = objects.filter((o) => o.kind === "Service" && selectsPods(o.spec.selector, deployment));
      const target = (servicePort) => resolve(servicePort.targetPort ?? servicePort.port);
      if (!services.some((svc) => (svc.spec.ports ?? []).some((p) => target(p) === management))) {
        say("no Service port leads to the management port: Prometheus cannot scrape it");
      }
      const metrics = s.management.metricsPath.startsWith("/") ? s.management.metricsPath
        : `${s.management.rootPath.replace(/\/$/, "")}/${s.management.metricsPath}`;
      for (const monitor of objects.filter((o) => o.kind === "ServiceMonitor")) {
        const scraped = services.filter((svc) => labelsMatch(monitor.spec.selector, svc.metadata.labels ?? {}));
        for (const endpoint of scraped.length ? monitor.spec.endpoints ?? [] : []) {
          for (const svc of scraped) {
            const servicePort = (svc.spec.ports ?? []).find((p) => p.name === endpoint.port);
            const port = servicePort ? target(servicePort) : resolve(endpoint.targetPort);
            if (port !== management) {
              say(`ServiceMonitor ${monitor.metadata.name} scrapes port ${endpoint.port ?? endpoint.targetPort} of Service ${svc.metadata.name} (${which(port)}), not the management port`);
            }
          }
          if ((endpoint.path ?? "/metrics") !== metrics) say(`ServiceMonitor ${monitor.metadata.name} scrapes ${endpoint.path ?? "/metrics"}, Prometheus metrics are at ${metrics}`);
        }
      }
    }
    return errors;
  },

  "only the monitoring namespace reaches the management port"(project, objects) {
    const errors = [];
    for (const s of project.services) {
      const say = (message) => errors.push(`${s.name}: ${message}`);
      const deployment = deploymentOf(objects, s.name);
      if (!deployment) continue;
      const { management, resolve } = portsOf(objects, s, deployment.spec.template.spec.containers[0]);
      const labels = deployment.spec.template.metadata.labels;
      const policies = objects.filter((o) => o.kind === "NetworkPolicy" && (o.spec.policyTypes ?? ["Ingress"]).includes("Ingress")
        && labelsMatch(o.spec.podSelector, labels));
      if (!policies.length) {
        say("no NetworkPolicy limits its ingress: every port, the management port too, is open to all");
        continue;
      }
      // A rule admits the port if it names no ports, a port without a number (every port), the
      // port's name or number, or a range around it.
      const covers = (rule) => !rule.ports?.length || rule.ports.some((p) => p.port === undefined
        || resolve(p.port) === management || (typeof p.port === "number" && p.endPort >= management && p.port <= management));
      const fromMonitoring = (peer) => !peer.ipBlock && peer.namespaceSelector && !peer.namespaceSelector.matchExpressions
        && JSON.stringify(peer.namespaceSelector.matchLabels ?? {}) === JSON.stringify({ "kubernetes.io/metadata.name": MONITORING_NAMESPACE });
      let admitted = false;
      for (const policy of policies) {
        for (const rule of (policy.spec.ingress ?? []).filter(covers)) {
          if (!rule.from?.length) {
            say(`NetworkPolicy ${policy.metadata.name} admits the management port ${management} from anywhere`);
            continue;
          }
          for (const peer of rule.from) {
            if (fromMonitoring(peer)) admitted = true;
            else say(`NetworkPolicy ${policy.metadata.name} admits the management port ${management} from ${JSON.stringify(peer)}, not only namespace ${MONITORING_NAMESPACE}`);
          }
        }
      }
      if (!admitted) say(`no NetworkPolicy admits the management port from namespace ${MONITORING_NAMESPACE}: Prometheus cannot scrape it`);
    }
    return errors;
  },

  "only the dev overlay lets a service start with the development keys"(project, objects, overlay) {
    // DevelopmentKeys refuses the keys committed in deploy/local in the production profile unless
    // pledge.security.development-keys-allowed says it is a development machine's start on purpose
    if (overlay === "dev") return [];
    const errors = [];
    for (const cm of objects.filter((o) => o.kind === "ConfigMap")) {
      if (String(cm.data?.PLEDGE_SECURITY_DEVELOPMENT_KEYS_ALLOWED ?? "false").toLowerCase() !== "false") {
        errors.push(`ConfigMap ${cm.metadata.name} allows the development keys (PLEDGE_SECURITY_DEVELOPMENT_KEYS_ALLOWED)`);
      }
    }
    for (const d of objects.filter((o) => o.kind === "Deployment")) {
      for (const e of d.spec.template.spec.containers.flatMap((c) => c.env ?? [])) {
        if (e.name === "PLEDGE_SECURITY_DEVELOPMENT_KEYS_ALLOWED" && String(e.value ?? "").toLowerCase() !== "false") {
          errors.push(`Deployment ${d.metadata.name} allows the development keys (PLEDGE_SECURITY_DEVELOPMENT_KEYS_ALLOWED)`);
        }
      }
    }
    return errors;
  },

  "secret values appear only in the dev overlay, and equal deploy/local's"(project, objects, overlay) {
    const secrets = objects.filter((o) => o.kind === "Secret");
    if (overlay !== "dev") {
      return secrets.map((s) => `Secret ${s.metadata.name}: a committed secret value outside the dev overlay`);
    }
    const errors = [];
    for (const secret of secrets) {
      for (const [key, value] of Object.entries(secret.data ?? {})) {
        const text = Buffer.from(String(value).replace(/\s/g, ""), "base64").toString("utf8");
        const expected = key === "public.pem" ? project.devJwtPublicKey : project.devSecrets[key];
        if (expected !== undefined && text !== expected) {
          errors.push(`Secret ${secret.metadata.name}: ${key} differs from deploy/local's development value`);
        }
      }
    }
    return errors;
  },

  "alerts and dashboards read only metrics the services expose"(project, objects) {
    const errors = project.exposedMetrics.filter((m) => !m.registered)
      .map((m) => `${m.name}: ${m.in} does not register ${m.registers} (EXPOSED_METRICS in deploy/check/rules.mjs)`);
    const exposed = new Set(project.exposedMetrics.filter((m) => m.registered).flatMap(seriesOf));
    for (const { where, expr } of [...alertExpressions(objects), ...dashboardExpressions(objects)]) {
      const { metrics, error } = metricsRead(expr);
      if (error) errors.push(`${where}: ${error}: ${expr}`);
      for (const name of metrics.filter((n) => !exposed.has(n))) {
        errors.push(`${where} reads ${name}, which no service exposes (EXPOSED_METRICS in deploy/check/rules.mjs)`);
      }
    }
    return errors;
  },

  "the Grafana dashboard parses and shows what an operator needs"(project, objects) {
    const found = grafanaDashboards(objects);
    if (!found.length) return ["no ConfigMap labelled grafana_dashboard: \"1\""];
    const errors = [];
    for (const { where, dashboard, error } of found) {
      if (error) {
        errors.push(`${where}: ${error}`);
        continue;
      }
      const panels = panelsOf(dashboard).map((p) => (p.targets ?? []).map((t) => String(t.expr ?? "").replace(/\s+/g, " ")));
      for (const [what, patterns] of Object.entries(DASHBOARD_PANELS)) {
        if (!panels.some((exprs) => patterns.every((re) => exprs.some((e) => re.test(e))))) {
          errors.push(`${where}: no panel shows ${what} (a panel's targets matching ${patterns.join(" and ")})`);
        }
      }
    }
    return errors;
  },

  "alerts say how bad, what and why, wait their turn, and cover what an operator must know"(project, objects) {
    const prometheusRules = objects.filter((o) => o.kind === "PrometheusRule");
    if (objects.some((o) => o.kind === "ServiceMonitor") && !prometheusRules.length) {
      return ["Prometheus scrapes the services (ServiceMonitor) but no PrometheusRule alerts on what it scrapes"];
    }
    const errors = [];
    const alerts = prometheusRules.flatMap((r) => (r.spec.groups ?? []).flatMap((g) => (g.rules ?? [])
      .filter((rule) => rule.alert).map((rule) => ({ where: `PrometheusRule ${r.metadata.name} alert ${rule.alert}`, rule }))));
    for (const { where, rule } of alerts) {
      if (!SEVERITIES.includes(rule.labels?.severity)) errors.push(`${where}: label severity is ${rule.labels?.severity}, not one of ${SEVERITIES}`);
      for (const a of ["summary", "description"]) {
        if (!String(rule.annotations?.[a] ?? "").trim()) errors.push(`${where}: no ${a} annotation`);
      }
      if (rule.for === undefined) errors.push(`${where}: no for: (how long the condition holds before it fires)`);
    }
    if (prometheusRules.length) {
      for (const [what, metric] of Object.entries(ALERTED)) {
        if (!alerts.some(({ rule }) => metricsRead(String(rule.expr)).metrics.includes(metric))) {
          errors.push(`no alert on ${what} (an alert reading ${metric})`);
        }
      }
    }
    return errors;
  },
};

/** The series names a metric of EXPOSED_METRICS has on /q/metrics. */
function seriesOf(metric) {
  return metric.type === "histogram"
    ? ["_bucket", "_count", "_sum", "_max"].map((suffix) => metric.name + suffix)
    : [metric.name];
}

/** Every alerting and recording rule's expression, with where it is. */
function alertExpressions(objects) {
  return objects.filter((o) => o.kind === "PrometheusRule").flatMap((r) => (r.spec.groups ?? []).flatMap((g) => (g.rules ?? [])
    .map((rule) => ({ where: `PrometheusRule ${r.metadata.name} ${rule.alert ? "alert" : "record"} ${rule.alert ?? rule.record}`, expr: String(rule.expr) }))));
}

/**
 * The dashboards of Grafana's sidecar: each data entry of a ConfigMap labelled grafana_dashboard
 * "1", as {where, dashboard} or, if it is not JSON, {where, error}.
 */
export function grafanaDashboards(objects) {
  return objects.filter((o) => o.kind === "ConfigMap" && o.metadata.labels?.grafana_dashboard === "1")
    .flatMap((cm) => Object.entries(cm.data ?? {}).map(([key, text]) => {
      const where = `ConfigMap ${cm.metadata.name} ${key}`;
      try {
        return { where, dashboard: JSON.parse(text) };
      } catch (e) {
        return { where, error: `not JSON (${e.message})` };
      }
    }));
}

/** A dashboard's panels, those inside rows too. */
function panelsOf(dashboard) {
  return (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
}

/** Every PromQL expression of the dashboards: the panels' targets and the query variables' label_values. */
function dashboardExpressions(objects) {
  return grafanaDashboards(objects).filter((d) => d.dashboard).flatMap(({ where, dashboard }) => [
    ...panelsOf(dashboard).flatMap((p) => (p.targets ?? []).filter((t) => t.expr !== undefined)
      .map((t) => ({ where: `${where} panel "${p.title}" target ${t.refId}`, expr: String(t.expr) }))),
    ...(dashboard.templating?.list ?? []).filter((v) => v.type === "query" && typeof v.query === "string")
      .map((v) => ({ where: `${where} variable ${v.name}`, expr: v.query.replace(/^label_values\((.*),\s*\w+\s*\)$/, "$1") })),
  ]);
}

/**
 * The metric names a PromQL expression reads (its vector selectors), by Prometheus' own grammar
 * (@prometheus-io/lezer-promql); Grafana's interval variables stand for a duration, its other
 * variables appear only in label values. An expression that does not parse is an error.
 */
function metricsRead(expr) {
  const text = expr.replace(/\$(__rate_interval|__interval|__range)\b|\$\{(__rate_interval|__interval|__range)\}/g, "5m");
  const metrics = [];
  let error;
  promql.parse(text).iterate({
    enter(node) {
      if (node.type.isError) error ??= `not PromQL at ${node.from}`;
      if (node.name === "Identifier" && node.node.parent?.name === "VectorSelector") metrics.push(text.slice(node.from, node.to));
    },
  });
  return { metrics: [...new Set(metrics)], error };
}

/**
 * A service's ports as its container sees them: the management interface's and the HTTP port (from
 * the properties, or QUARKUS_MANAGEMENT_PORT / QUARKUS_HTTP_PORT set by the Deployment), and a
 * resolver of port names ("management") and numbers to numbers.
 */
function portsOf(objects, s, container) {
  const fromEnv = (name) => {
    const value = variable(objects, container, name);
    return value === undefined ? undefined : Number(value);
  };
  const byName = new Map((container.ports ?? []).map((p) => [p.name, p.containerPort]));
  return {
    management: fromEnv("QUARKUS_MANAGEMENT_PORT") ?? s.management.port,
    http: fromEnv("QUARKUS_HTTP_PORT") ?? s.httpPort,
    resolve: (port) => (typeof port === "number" ? port : /^\d+$/.test(String(port)) ? Number(port) : byName.get(port)),
  };
}

/** Whether a label selector ({matchLabels}; or a Service's plain map) selects these labels. */
function labelsMatch(selector, labels) {
  const wanted = Object.entries(selector?.matchLabels ?? {});
  return !selector?.matchExpressions && wanted.every(([k, v]) => labels[k] === v);
}

/** Whether a Service's selector selects a Deployment's pods (an empty selector selects none). */
function selectsPods(selector, deployment) {
  const wanted = Object.entries(selector ?? {});
  return wanted.length > 0 && wanted.every(([k, v]) => deployment.spec.template.metadata.labels[k] === v);
}

function deploymentOf(objects, name) {
  return objects.find((o) => o.kind === "Deployment" && o.metadata.name === name);
}

/** The value a container sees for an environment variable, from env or its ConfigMaps. */
function variable(objects, container, name) {
  const direct = (container.env ?? []).find((e) => e.name === name);
  if (direct) return direct.value;
  return (container.envFrom ?? []).filter((f) => f.configMapRef)
    .map((f) => objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === f.configMapRef.name)?.data?.[name])
    .filter((v) => v !== undefined).pop();
}

function databaseOf(objects, deployment) {
  const container = deployment.spec.template.spec.containers[0];
  const host = variable(objects, container, "PLEDGE_DB_HOST");
  return {
    host,
    name: variable(objects, container, "PLEDGE_DB_NAME"),
    secret: (container.env ?? []).find((e) => e.name === "PLEDGE_DB_PASSWORD")?.valueFrom?.secretKeyRef?.name,
    // CloudNativePG's services are <cluster>-rw (primary), -ro and -r
    cluster: objects.find((o) => o.kind === "Cluster" && `${o.metadata.name}-rw` === host),
  };
}

/**
 * Whether an ipBlock reaches no private, shared, loopback or link-local address (PRIVATE_RANGES)
 * except those allow-listed: each such range it overlaps must be excepted, or allow-listed whole.
 */
function reachesOnlyPublic(ipBlock, allowListed) {
  const block = cidr(ipBlock.cidr);
  const excepted = (ipBlock.except ?? []).map(cidr);
  const allowed = allowListed.map(cidr);
  return Boolean(block) && PRIVATE_RANGES.map(cidr).every((range) => !overlaps(block, range)
    || [...excepted, ...allowed].some((e) => e && contains(e, range))
    || allowed.some((a) => a && contains(a, block)));
}

/** An IPv4 or IPv6 CIDR as {v6, bits, network} (network a BigInt), or undefined if malformed. */
function cidr(text) {
  const m = String(text).match(/^([^/]+)\/(\d+)$/);
  if (!m) return undefined;
  const v6 = m[1].includes(":");
  const width = v6 ? 128 : 32;
  const bits = Number(m[2]);
  let value = 0n;
  if (v6) {
    const [head, tail = ""] = m[1].split("::");
    const groups = (part) => (part ? part.split(":") : []);
    const all = m[1].includes("::")
      ? [...groups(head), ...Array(8 - groups(head).length - groups(tail).length).fill("0"), ...groups(tail)]
      : groups(m[1]);
    if (all.length !== 8 || !all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
    for (const g of all) value = (value << 16n) | BigInt(parseInt(g, 16));
  } else {
    const octets = m[1].split(".").map(Number);
    if (octets.length !== 4 || !octets.every((o) => Number.isInteger(o) && o >= 0 && o <= 255)) return undefined;
    for (const o of octets) value = (value << 8n) | BigInt(o);
  }
  if (bits > width) return undefined;
  const host = (1n << BigInt(width - bits)) - 1n;
  return { v6, bits, network: value & ~host };
}

/** Whether CIDR a contains all of CIDR b. */
function contains(a, b) {
  if (a.v6 !== b.v6 || a.bits > b.bits) return false;
  const width = a.v6 ? 128 : 32;
  return (b.network >> BigInt(width - a.bits)) === (a.network >> BigInt(width - a.bits));
}

function overlaps(a, b) {
  return contains(a, b) || contains(b, a);
}

/** "30s", "2m", "PT30S" (Quarkus durations) in seconds. */
function seconds(duration) {
  const m = String(duration ?? "").match(/^(?:PT)?(\d+)([smh]?)$/i);
  return m ? Number(m[1]) * { "": 1, s: 1, m: 60, h: 3600 }[m[2].toLowerCase()] : undefined;
}
