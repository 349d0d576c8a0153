#!/usr/bin/env bash
# Checks deploy/ without a cluster (deploy/README.md, "Checks"): renders every overlay of deploy/k8s
# with kubectl's built-in Kustomize, generates the Strimzi CRDs from Strimzi's artifacts on Maven
# Central, and runs check.mjs - every object validated strictly against the Kubernetes, Strimzi,
# CloudNativePG and prometheus-operator schemas; topics, configuration keys, Kafka ACLs, network
# reach, hardening and shutdown timing against the services' code and configuration; Compose; and
# proof that broken objects are refused. Needs kubectl, node 20+ with npm, and a Java 21+ for
# Strimzi's generator (found on PATH or under /usr/lib/jvm, or given as PLEDGE_CHECK_JAVA).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

log() { printf '[deploy/check] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in kubectl node npm; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}
JAVA=""
for candidate in "${PLEDGE_CHECK_JAVA:-}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  [[ -n "$candidate" && -x "$candidate" ]] || continue
  major="$(java_major "$candidate")"
  if [[ "$major" =~ ^[0-9]+$ ]] && ((major >= 21)); then
    JAVA="$candidate"
    break
  fi
done
[[ -n "$JAVA" ]] || die "Strimzi's CRD generator needs Java 21 or later: install one or set PLEDGE_CHECK_JAVA"

log "installing the validator's npm packages (package-lock.json)"
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)

log "generating the Strimzi CRDs (deploy/check/strimzi/pom.xml, $JAVA)"
(cd "$ROOT" && ./mvnw -q -B -f deploy/check/strimzi/pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$WORK/strimzi.classpath" </dev/null >&2)
mkdir -p "$WORK/crds"
"$JAVA" -cp "$(cat "$WORK/strimzi.classpath")" io.strimzi.crdgenerator.CrdGenerator \
  --yaml --crd-api-version v1 --api-versions v1 --storage-version v1 \
  io.strimzi.api.kafka.model.kafka.Kafka="$WORK/crds/kafka.yaml" \
  io.strimzi.api.kafka.model.nodepool.KafkaNodePool="$WORK/crds/kafkanodepool.yaml" \
  io.strimzi.api.kafka.model.topic.KafkaTopic="$WORK/crds/kafkatopic.yaml" \
  io.strimzi.api.kafka.model.user.KafkaUser="$WORK/crds/kafkauser.yaml" >&2

overlays=()
for dir in "$ROOT"/deploy/k8s/overlays/*/; do
  name="$(basename "$dir")"
  log "rendering overlay $name"
  kubectl kustomize "$dir" >"$WORK/$name.yaml"
  overlays+=("$name=$WORK/$name.yaml")
done

node "$HERE/check.mjs" "$WORK/crds" "${overlays[@]}"
