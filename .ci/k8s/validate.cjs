// Validates the manifests of a kustomize directory (default k8s/):
//   1. every document is built as its kubernetes-models type and validate()d (the API schema:
//      required fields, types, enums); monitoring.coreos.com/v1 types through
//      @kubernetes-models/prometheus-operator; kustomization.yaml gets a structural check;
//   2. cross-references (see crossCheck below).
//   node validate.cjs [DIR]     exit 0: valid; exit 1: problems listed, one per line.
"use strict";
const fs = require("fs");
const path = require("path");
const req = require("module").createRequire(path.join(process.env.PENULTIMATE_CI_DEPS, "package.json"));
const YAML = req("yaml");

const dir = path.resolve(process.argv[2] || path.join(__dirname, "..", "..", "k8s"));
const problems = [];
const fail = (where, msg) => problems.push(`${where}: ${msg}`);

function modelClass(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const candidates = group === "monitoring.coreos.com"
    ? [`@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`]
    : [`kubernetes-models/${group ? group + "/" : ""}${version}/${kind}`];
  for (const id of candidates) {
    try { return req(id)[kind]; } catch (e) { /* next */ }
  }
  return null;
}

// ---------------------------------------------------------------- load
const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
const docs = []; // {file, doc}
let kustomization = null;
for (const f of files) {
  const parsed = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), "utf8"));
  for (const d of parsed) {
    if (d.errors.length) { fail(f, `YAML: ${d.errors[0].message}`); continue; }
    const doc = d.toJS();
    if (doc == null) continue;
    if (doc.kind === "Kustomization") { kustomization = { file: f, doc }; continue; }
    docs.push({ file: f, doc });
  }
}

// ---------------------------------------------------------------- 1. schema
for (const { file, doc } of docs) {
  const where = `${file} ${doc.kind}/${doc.metadata && doc.metadata.name}`;
  if (!doc.apiVersion || !doc.kind) { fail(file, "apiVersion and kind are required"); continue; }
  const Cls = modelClass(doc.apiVersion, doc.kind);
  if (!Cls) { fail(where, `no model for ${doc.apiVersion} ${doc.kind}`); continue; }
  try { new Cls(doc).validate(); } catch (e) { fail(where, `schema: ${e.message}`); }
  if (!doc.metadata || !doc.metadata.name) fail(where, "metadata.name is required");
}

// ---------------------------------------------------------------- kustomization
if (!kustomization) {
  fail(path.basename(dir), "no kustomization.yaml");
} else {
  const k = kustomization.doc;
  const where = kustomization.file;
  if (k.apiVersion !== "kustomize.config.k8s.io/v1beta1") fail(where, "apiVersion must be kustomize.config.k8s.io/v1beta1");
  if (k.namespace !== "penultimate") fail(where, "namespace must be penultimate");
  const resources = k.resources || [];
  for (const r of resources) if (!fs.existsSync(path.join(dir, r))) fail(where, `resource ${r} does not exist`);
  for (const f of files) {
    if (f === where || /\.example\.ya?ml$/.test(f)) continue;
    if (!resources.includes(f)) fail(where, `${f} is not listed in resources (name it *.example.yaml if it is only an example)`);
  }
  for (const img of k.images || []) if (!img.name || !(img.newTag || img.digest)) fail(where, `image ${img.name}: pin newTag or digest`);
}
const listed = new Set(kustomization ? kustomization.doc.resources || [] : []);
const applied = docs.filter((d) => listed.has(d.file)); // what 'kubectl apply -k' creates
for (const { file, doc } of docs) {
  const ns = doc.metadata && doc.metadata.namespace;
  if (ns && ns !== "penultimate") fail(`${file} ${doc.kind}`, `namespace ${ns}, expected penultimate`);
}

// ---------------------------------------------------------------- 2. cross-references
const of = (kind) => applied.filter((d) => d.doc.kind === kind).map((d) => d.doc);
const subset = (sel, labels) => !!sel && Object.keys(sel).length > 0 &&
  Object.entries(sel).every(([k, v]) => (labels || {})[k] === v);
const byName = (kind, name) => of(kind).find((r) => r.metadata.name === name);

const sets = of("StatefulSet");
if (sets.length !== 1) fail("manifests", `expected one StatefulSet, found ${sets.length}`);
for (const sts of sets) {
  const w = `StatefulSet/${sts.metadata.name}`;
  const spec = sts.spec || {};
  const pod = spec.template || {};
  const podLabels = (pod.metadata || {}).labels || {};
  const podSpec = pod.spec || {};
  if (!subset((spec.selector || {}).matchLabels, podLabels)) fail(w, "selector.matchLabels does not match the pod template labels");

  // Services
  const headless = byName("Service", spec.serviceName);
  if (!headless) fail(w, `serviceName ${spec.serviceName} names no Service`);
  else if (headless.spec.clusterIP !== "None") fail(w, `serviceName ${spec.serviceName} is not headless (clusterIP: None)`);

  const containers = [...(podSpec.containers || []), ...(podSpec.initContainers || [])];
  const main = (podSpec.containers || [])[0] || {};
  const ports = main.ports || [];
  const portMatches = (p) => ports.some((cp) => (typeof p === "number" ? cp.containerPort === p : cp.name === p));
  for (const svc of of("Service")) {
    const sw = `Service/${svc.metadata.name}`;
    if (!subset(svc.spec.selector, podLabels)) fail(sw, "selector does not match the StatefulSet pod labels");
    for (const p of svc.spec.ports || []) {
      const target = p.targetPort === undefined ? p.port : p.targetPort;
      if (!portMatches(target)) fail(sw, `targetPort ${target} is no container port of ${main.name}`);
    }
  }
  const metricsSvc = byName("Service", "penultimate-metrics");
  if (!metricsSvc) fail("manifests", "no Service penultimate-metrics");
  else if (!(metricsSvc.spec.ports || []).some((p) => p.name === "metrics" && p.port === 9404)) fail("Service/penultimate-metrics", "needs port name metrics, 9404");

  // Monitors
  for (const sm of of("ServiceMonitor")) {
    const mw = `ServiceMonitor/${sm.metadata.name}`;
    const svcs = of("Service").filter((s) => subset(sm.spec.selector.matchLabels, s.metadata.labels));
    if (svcs.length === 0) fail(mw, "selector matches no Service");
    for (const ep of sm.spec.endpoints || []) {
      for (const s of svcs) if (!(s.spec.ports || []).some((p) => p.name === ep.port)) fail(mw, `port ${ep.port} is no port name of Service/${s.metadata.name}`);
    }
  }
  for (const pm of of("PodMonitor")) {
    const mw = `PodMonitor/${pm.metadata.name}`;
    if (!subset(pm.spec.selector.matchLabels, podLabels)) fail(mw, "selector does not match the StatefulSet pod labels");
    for (const ep of pm.spec.podMetricsEndpoints || []) if (!portMatches(ep.port)) fail(mw, `port ${ep.port} is no container port name`);
  }
  if (of("ServiceMonitor").length + of("PodMonitor").length === 0) fail("manifests", "no ServiceMonitor or PodMonitor");

  // PDB, HPA
  for (const pdb of of("PodDisruptionBudget")) if (!subset(pdb.spec.selector.matchLabels, podLabels)) fail(`PodDisruptionBudget/${pdb.metadata.name}`, "selector does not match the StatefulSet pod labels");
  for (const hpa of of("HorizontalPodAutoscaler")) {
    const hw = `HorizontalPodAutoscaler/${hpa.metadata.name}`;
    const t = hpa.spec.scaleTargetRef;
    if (t.kind !== "StatefulSet" || t.name !== sts.metadata.name || t.apiVersion !== "apps/v1") fail(hw, `scaleTargetRef ${t.apiVersion} ${t.kind}/${t.name} is not the StatefulSet`);
    const partitions = Number(((hpa.metadata.annotations || {})["penultimate.io/input-topic-partitions"]));
    if (!partitions) fail(hw, "annotation penultimate.io/input-topic-partitions (the scaling bound) is missing");
    else if (hpa.spec.maxReplicas > partitions) fail(hw, `maxReplicas ${hpa.spec.maxReplicas} exceeds the input topic's ${partitions} partitions`);
    if ((hpa.spec.minReplicas || 1) < 2) fail(hw, "minReplicas below 2 leaves no standby");
  }

  // Probes agree with ports and with the health contract (docs/metrics.md)
  const probe = (name) => main[name];
  const expectPath = { readinessProbe: "/health/ready", livenessProbe: "/health/live" };
  for (const name of ["startupProbe", "readinessProbe", "livenessProbe"]) {
    const p = probe(name);
    if (!p) { fail(w, `container ${main.name} has no ${name}`); continue; }
    if (!p.httpGet) { fail(w, `${name} is not an httpGet probe`); continue; }
    if (!portMatches(p.httpGet.port)) fail(w, `${name} port ${p.httpGet.port} is no container port`);
    if (expectPath[name] && p.httpGet.path !== expectPath[name]) fail(w, `${name} path ${p.httpGet.path}, expected ${expectPath[name]}`);
  }
  const live = probe("livenessProbe");
  if (live && (live.periodSeconds || 10) * (live.failureThreshold || 3) < 120) fail(w, "livenessProbe gives up in under 120 s: rebalances could restart pods");

  // Volumes, ConfigMaps, Secrets, env
  const volumes = new Map((podSpec.volumes || []).map((v) => [v.name, v]));
  for (const t of spec.volumeClaimTemplates || []) volumes.set(t.metadata.name, t);
  const cmKeys = (name) => { const cm = byName("ConfigMap", name); return cm ? Object.keys(cm.data || {}) : null; };
  const secretExists = (name) => !!byName("Secret", name);
  const refCheck = (cw, kind, name, key, optional) => {
    if (kind === "ConfigMap") {
      const keys = cmKeys(name);
      if (!keys) { if (!optional) fail(cw, `ConfigMap ${name} is not in the manifests (mark the reference optional?)`); return; }
      if (key !== undefined && !keys.includes(key)) fail(cw, `ConfigMap ${name} has no key ${key}`);
    } else if (!secretExists(name) && !optional) fail(cw, `Secret ${name} is not in the manifests and the reference is not optional`);
  };
  for (const v of podSpec.volumes || []) {
    const vw = `${w} volume ${v.name}`;
    if (v.configMap) { refCheck(vw, "ConfigMap", v.configMap.name, undefined, v.configMap.optional); for (const it of v.configMap.items || []) refCheck(vw, "ConfigMap", v.configMap.name, it.key, v.configMap.optional); }
    if (v.secret) refCheck(vw, "Secret", v.secret.secretName, undefined, v.secret.optional);
  }
  for (const c of containers) {
    const cw = `${w} container ${c.name}`;
    for (const m of c.volumeMounts || []) if (!volumes.has(m.name)) fail(cw, `volumeMount ${m.name} names no volume`);
    const defined = new Set();
    for (const ef of c.envFrom || []) {
      if (ef.configMapRef) { refCheck(cw, "ConfigMap", ef.configMapRef.name, undefined, ef.configMapRef.optional); (cmKeys(ef.configMapRef.name) || []).forEach((k) => defined.add(k)); }
      if (ef.secretRef) refCheck(cw, "Secret", ef.secretRef.name, undefined, ef.secretRef.optional);
    }
    const refs = (s) => [...String(s).matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].map((m) => m[1]);
    for (const e of c.env || []) {
      const vf = e.valueFrom || {};
      if (vf.configMapKeyRef) refCheck(cw, "ConfigMap", vf.configMapKeyRef.name, vf.configMapKeyRef.key, vf.configMapKeyRef.optional);
      if (vf.secretKeyRef) refCheck(cw, "Secret", vf.secretKeyRef.name, undefined, vf.secretKeyRef.optional);
      if (e.value !== undefined) for (const r of refs(e.value)) if (!defined.has(r)) fail(cw, `env ${e.name} uses $(${r}) before it is defined`);
      defined.add(e.name);
    }
    for (const a of [...(c.command || []), ...(c.args || [])]) for (const r of refs(a)) if (!defined.has(r)) fail(cw, `argument uses undefined $(${r})`);
  }

  // Static membership and sizing
  const envOf = (n) => (main.env || []).find((e) => e.name === n);
  const javaOpts = envOf("PENULTIMATE_JAVA_OPTS");
  if (!javaOpts || !/-Dkafka\.group\.instance\.id=\$\(POD_NAME\)/.test(javaOpts.value || "")) fail(w, "PENULTIMATE_JAVA_OPTS must set -Dkafka.group.instance.id=$(POD_NAME)");
  const podName = envOf("POD_NAME");
  if (!podName || ((podName.valueFrom || {}).fieldRef || {}).fieldPath !== "metadata.name") fail(w, "env POD_NAME must come from fieldRef metadata.name");
  const cfg = of("ConfigMap").find((c) => c.metadata.name === "penultimate-config");
  if (!cfg) fail("manifests", "no ConfigMap penultimate-config");
  else {
    const props = cfg.data["kafka.properties"] || "";
    if (!/^\s*num\.standby\.replicas\s*=\s*[1-9]/m.test(props)) fail("ConfigMap/penultimate-config", "kafka.properties must set num.standby.replicas >= 1");
    const bytes = (s) => { const m = /^(\d+)([kmgt]?)$/i.exec(s || ""); return m ? Number(m[1]) * 1024 ** " kmgt".indexOf((m[2] || " ").toLowerCase()) : NaN; };
    const opts = cfg.data.JVM_OPTS || "";
    const heap = bytes((/-Xmx(\S+)/.exec(opts) || [])[1]);
    const offHeap = bytes((/-Dorg\.bytedeco\.javacpp\.maxbytes=(\S+)/.exec(opts) || [])[1]);
    const physical = bytes((/-Dorg\.bytedeco\.javacpp\.maxphysicalbytes=(\S+)/.exec(opts) || [])[1]);
    const q = (s) => { const m = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(String(s || "")); return m ? Number(m[1]) * 1024 ** ["", "Ki", "Mi", "Gi", "Ti"].indexOf(m[2] || "") : NaN; };
    const limit = q(((main.resources || {}).limits || {}).memory);
    if ([heap, offHeap, physical, limit].some(Number.isNaN)) fail(w, "sizing: -Xmx, javacpp maxbytes, maxphysicalbytes and a memory limit are all required");
    else {
      if (heap + offHeap >= physical) fail(w, "sizing: heap + javacpp maxbytes must stay below maxphysicalbytes");
      if (physical >= limit) fail(w, "sizing: javacpp maxphysicalbytes must stay below the memory limit");
    }
  }
}

if (problems.length) {
  for (const p of problems) console.log(p);
  process.exit(1);
}
console.log(`${docs.length} manifests in ${path.basename(dir)}/ valid (schema + cross-references)`);
