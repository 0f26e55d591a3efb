// The dashboard: views drawn from ARM reads, redrawn when the event stream says something changed.
import { API, ArmError, arm, control, list, parseId, setControlToken } from './api.js';
import { follow } from './events.js';
import { STEPS } from './walkthrough.js';

const $ = (id) => document.getElementById(id);
const state = {
  subscription: null, group: null, workspace: null, location: 'westus',
  clusters: [], computes: [], versions: [], ops: new Map(), clock: null, clockAt: 0,
};

// ---------- small helpers ----------
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function showError(e) {
  const box = $('error');
  if (!e) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  box.hidden = false;
  box.replaceChildren(
    el('strong', {}, e instanceof ArmError ? `${e.status} ${e.code}` : 'Error'),
    el('span', { class: 'error-message' }, ` ${e.message}`));
}

function showCommands(az, py) {
  $('cmd-az').textContent = az || '';
  $('cmd-py').textContent = py || '';
}

/** Runs an action: clears the last error, shows its commands, reports an ARM refusal exactly as it came. */
async function act(commands, work) {
  showError(null);
  showCommands(...commands);
  try {
    return await work();
  } catch (e) {
    showError(e);
    return null;
  }
}

function flash(row) {
  row.classList.remove('changed');
  void row.offsetWidth; // restart the animation
  row.classList.add('changed');
}

const sub = () => `/subscriptions/${state.subscription}`;
const wsId = () => state.workspace && state.workspace.id;

// ---------- clock ----------
function virtualNow() {
  const c = state.clock;
  if (!c) return null;
  const base = Date.parse(c.now);
  if (c.mode === 'manual') return base;
  const rate = c.mode === 'real' ? 1 : c.scale;
  return base + (performance.now() - state.clockAt) * rate;
}

function drawClock() {
  const t = virtualNow();
  if (t === null) return;
  $('clock-now').textContent = new Date(t).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  const c = state.clock;
  $('clock-mode').textContent = c.mode === 'scaled' ? `scaled ×${c.scale}` : c.mode;
  document.querySelectorAll('[data-op-progress]').forEach(drawProgress);
}

function takeClock(c) {
  state.clock = c;
  state.clockAt = performance.now();
  drawClock();
}

async function readClock() {
  takeClock(await control('GET', '/_emulator/clock'));
}

async function clockAction(method, path, body, az) {
  await act([az, '# the virtual clock has no Azure equivalent: it is the emulator\'s control API'], async () => {
    takeClock(await control(method, path, body));
  });
}

// ---------- loading the views ----------
let refreshTimer = null;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh().catch(showError), 150);
}

async function loadSubscriptions() {
  const subs = await list(`/subscriptions?api-version=${API.subscriptions}`);
  const select = $('subscription');
  select.replaceChildren(...subs.map((s) => el('option', { value: s.subscriptionId }, `${s.displayName} (${s.subscriptionId})`)));
  if (!state.subscription || !subs.some((s) => s.subscriptionId === state.subscription)) {
    state.subscription = subs.length ? subs[0].subscriptionId : null;
  }
  select.value = state.subscription;
}

async function refresh() {
  if (!state.subscription) await loadSubscriptions();
  if (!state.subscription) return;
  const [groups, workspaces, clusters] = await Promise.all([
    list(`${sub()}/resourcegroups?api-version=${API.groups}`),
    list(`${sub()}/providers/Microsoft.MachineLearningServices/workspaces?api-version=${API.ml}`),
    list(`${sub()}/providers/Microsoft.ContainerService/managedClusters?api-version=${API.aks}`),
  ]);
  drawList($('groups'), groups, (g) => g.name, (g) => `${g.name} · ${g.location}`);
  if (!state.workspace || !workspaces.some((w) => w.id.toLowerCase() === state.workspace.id.toLowerCase())) {
    state.workspace = workspaces[0] || null;
  }
  drawList($('workspaces'), workspaces, (w) => w.id, (w) => `${w.name} · ${parseId(w.id).group}`, (w) => {
    state.workspace = w;
    refreshSoon();
  }, state.workspace && state.workspace.id);
  state.location = state.workspace ? state.workspace.location : (groups[0] ? groups[0].location : 'westus');
  state.clusters = clusters;
  state.computes = state.workspace ? await list(`${wsId()}/computes?api-version=${API.ml}`) : [];
  drawComputes();
  drawClusters();
  state.groups = groups;
  await Promise.all([drawVersions(), drawQuota(), $('view-deployments').hidden ? null : drawDeployments()]);
}

function drawList(ul, items, key, label, onPick, selected) {
  ul.replaceChildren(...items.map((it) => {
    const li = el('li', {}, onPick
      ? el('button', { type: 'button', class: key(it) === selected ? 'picked' : '', 'aria-pressed': String(key(it) === selected),
        onclick: () => onPick(it) }, label(it))
      : label(it));
    return li;
  }));
  if (!items.length) ul.replaceChildren(el('li', { class: 'muted' }, 'none'));
}

function clusterOf(compute) {
  const rid = compute.properties.resourceId;
  return rid ? state.clusters.find((c) => c.id.toLowerCase() === rid.toLowerCase()) : null;
}

function drawComputes() {
  $('ws-name').textContent = state.workspace ? state.workspace.name : 'no workspace';
  const body = $('computes').tBodies[0];
  const aks = state.computes.filter((c) => c.properties.computeType === 'AKS');
  const previous = new Map([...body.rows].map((r) => [r.dataset.key, r.dataset.sig]));
  body.replaceChildren(...aks.map((c) => {
    const p = c.properties;
    const inner = p.properties || {};
    const cluster = clusterOf(c);
    const errors = (p.provisioningErrors || []).map((e) => (e.error ? `${e.error.code}: ${e.error.message}` : JSON.stringify(e)));
    const sig = JSON.stringify([p.provisioningState, inner.agentCount, errors]);
    const row = el('tr', { 'data-key': c.name, 'data-sig': sig, 'data-state': p.provisioningState },
      el('th', { scope: 'row' }, c.name),
      el('td', { class: `state ${p.provisioningState}` }, p.provisioningState),
      el('td', {}, inner.clusterPurpose || '–'),
      el('td', {}, inner.agentVmSize || '–'),
      el('td', {}, inner.agentCount ?? '–'),
      el('td', {}, cluster ? cluster.properties.kubernetesVersion : '–'),
      el('td', {}, p.isAttachedCompute ? 'attached' : 'created'),
      el('td', { class: 'errors' }, errors.join('; ') || '–'),
      el('td', { class: 'actions' },
        el('label', {}, el('span', { class: 'sr' }, `nodes of ${c.name}`),
          el('input', { type: 'number', min: 1, max: 100, value: inner.agentCount ?? 1, 'aria-label': `nodes of ${c.name}`, class: 'nodes' })),
        el('button', { type: 'button', onclick: (ev) => scaleCompute(c, ev.target.closest('td').querySelector('input').value) }, 'Scale'),
        el('button', { type: 'button', onclick: () => removeCompute(c, 'Detach') }, 'Detach'),
        el('button', { type: 'button', class: 'danger', onclick: () => removeCompute(c, 'Delete') }, 'Delete')));
    if (previous.has(c.name) && previous.get(c.name) !== sig) flash(row);
    if (!previous.has(c.name) && previous.size) flash(row);
    return row;
  }));
  if (!aks.length) body.replaceChildren(el('tr', {}, el('td', { colspan: 9, class: 'muted' }, 'No inference clusters yet: create one, or attach an AKS cluster.')));
  const attach = document.querySelector('#attach-compute select[name=cluster]');
  const chosen = attach.value;
  attach.replaceChildren(...state.clusters.map((k) => el('option', { value: k.id }, `${k.name} (${parseId(k.id).group})`)));
  if (chosen && state.clusters.some((k) => k.id === chosen)) attach.value = chosen;
}

function drawClusters() {
  const body = $('clusters').tBodies[0];
  body.replaceChildren(...state.clusters.map((k) => {
    const p = k.properties;
    const pools = (p.agentPoolProfiles || []).map((a) => `${a.name}: ${a.count} × ${a.vmSize}`).join(', ');
    return el('tr', { 'data-key': k.name, 'data-state': p.provisioningState },
      el('th', { scope: 'row' }, k.name),
      el('td', {}, parseId(k.id).group),
      el('td', { class: `state ${p.provisioningState}` }, p.provisioningState),
      el('td', {}, p.powerState ? p.powerState.code : '–'),
      el('td', {}, p.kubernetesVersion),
      el('td', {}, pools),
      el('td', { class: 'actions' }, el('button', { type: 'button', class: 'danger', onclick: () => deleteCluster(k) }, `Delete ${k.name}`)));
  }));
  if (!state.clusters.length) body.replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No AKS clusters.')));
}

async function drawVersions() {
  $('versions-location').textContent = state.location;
  const { body } = await arm('GET', `${sub()}/providers/Microsoft.ContainerService/locations/${state.location}/kubernetesVersions?api-version=${API.aks}`);
  const rows = [];
  for (const minor of body.values || []) {
    const plan = ((minor.capabilities || {}).supportPlan || []).join(', ');
    for (const [version, patch] of Object.entries(minor.patchVersions || {})) {
      rows.push({ version, upgrades: (patch.upgrades || []).join(', ') || 'None available', plan, preview: minor.isPreview ? 'True' : 'False' });
    }
  }
  rows.sort((a, b) => b.version.localeCompare(a.version, undefined, { numeric: true }));
  state.versions = rows.map((r) => r.version);
  $('versions').tBodies[0].replaceChildren(...rows.map((r) => el('tr', {}, el('td', {}, r.version), el('td', {}, r.upgrades),
    el('td', {}, r.plan), el('td', {}, r.preview))));
  const select = document.querySelector('#create-cluster select[name=version]');
  const chosen = select.value;
  select.replaceChildren(...state.versions.map((v) => el('option', { value: v }, v)));
  if (state.versions.includes(chosen)) select.value = chosen;
}

async function drawQuota() {
  $('quota-location').textContent = state.location;
  const usages = await list(`${sub()}/providers/Microsoft.Compute/locations/${state.location}/usages?api-version=${API.compute}`);
  const shown = usages.filter((u) => u.limit > 0 && (u.currentValue > 0 || /cores/i.test(u.name.value)))
    .sort((a, b) => b.currentValue - a.currentValue).slice(0, 8);
  $('quota').replaceChildren(...shown.map((u) => {
    const pct = Math.min(100, Math.round((u.currentValue / u.limit) * 100));
    return el('div', { class: 'gauge', 'data-family': u.name.value },
      el('span', { class: 'gauge-name' }, u.name.localizedValue || u.name.value),
      el('meter', { min: 0, max: u.limit, value: u.currentValue, 'aria-label': `${u.name.localizedValue || u.name.value} usage` }),
      el('span', { class: 'gauge-value' }, `${u.currentValue} / ${u.limit} (${pct}%)`));
  }));
}

async function drawJournal() {
  // The page reads the emulator every few seconds: without its GETs, what a client changed and
  // the scoring calls stay on screen.
  const reads = $('journal-changes').checked ? '&reads=false' : '';
  const { value } = await control('GET', `/_emulator/requests?limit=60${reads}`);
  // newest first: the call just made is at the top, on screen
  $('journal').tBodies[0].replaceChildren(...value.map((r) => el('tr', {},
    el('td', {}, (r.virtualTime || r.time || '').replace('T', ' ').slice(0, 19)),
    el('td', {}, (r.userAgent || '').split(' ')[0] || '–'),
    el('td', { class: 'request' }, `${r.method} ${r.path}`),
    el('td', { class: r.status >= 400 ? 'bad' : '' }, r.status),
    el('td', { class: 'mono' }, r.correlationId || '–'))));
}

// ---------- template deployments ----------
async function drawDeployments() {
  const groups = state.groups || [];
  const perGroup = await Promise.all(groups.map((g) => list(`${g.id}/providers/Microsoft.Resources/deployments?api-version=${API.deployments}`)));
  const deployments = perGroup.flat();
  const operations = await Promise.all(deployments.map((d) => list(`${d.id}/operations?api-version=${API.deployments}`)));
  $('deployments').tBodies[0].replaceChildren(...deployments.map((d, i) => {
    const p = d.properties;
    const ops = operations[i];
    const done = ops.filter((o) => o.properties.provisioningState === 'Succeeded').length;
    const outputs = Object.entries(p.outputs || {}).map(([k, v]) => `${k} = ${typeof v.value === 'string' ? v.value : JSON.stringify(v.value)}`);
    const error = p.error ? [p.error.code, ...(p.error.details || []).map((e) => `${e.code}: ${e.message}`)].join(' · ') : null;
    return el('tr', { 'data-key': d.name, 'data-state': p.provisioningState },
      el('th', { scope: 'row' }, d.name),
      el('td', {}, parseId(d.id).group),
      el('td', {}, p.mode),
      el('td', { class: `state ${p.provisioningState}` }, p.provisioningState),
      el('td', {}, (p.duration || '').replace('PT', '').toLowerCase()),
      el('td', { class: 'ops' }, `${done} of ${ops.length} done`, el('ul', { class: 'list' }, ...ops.map((o) => el('li', {},
        `${o.properties.provisioningOperation} ${o.properties.targetResource ? o.properties.targetResource.resourceName : ''}: `,
        el('span', { class: `state ${o.properties.provisioningState}` }, o.properties.provisioningState))))),
      el('td', { class: error ? 'errors' : '' }, error || outputs.join('; ') || '–'));
  }));
  if (!deployments.length) $('deployments').tBodies[0].replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'muted' },
    'No template deployments yet: az deployment group create -g GROUP -f docs/templates/aks-ml-quickstart.json -p workspaceName=NAME')));
}

// ---------- faults ----------
async function drawFaults() {
  const { value } = await control('GET', '/_emulator/faults');
  $('faults').tBodies[0].replaceChildren(...value.map((r) => el('tr', { 'data-rule': r.id },
    el('td', { class: 'mono' }, r.id),
    el('td', {}, r.kind),
    el('td', {}, Object.entries(r.match || {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'every ARM call'),
    el('td', {}, r.hits),
    el('td', {}, r.remaining ?? '∞'),
    el('td', { class: 'actions' },
      (r.heldOperations || []).length ? el('button', { type: 'button', onclick: () => faultAction('POST', `/_emulator/faults/${r.id}/release`) }, 'Release') : null,
      el('button', { type: 'button', class: 'danger', onclick: () => faultAction('DELETE', `/_emulator/faults/${r.id}`) }, 'Remove')))));
  if (!value.length) $('faults').tBodies[0].replaceChildren(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No fault rules: every call answers as it should.')));
}

async function faultAction(method, path) {
  await act([`curl -X ${method} $EMU${path}`, '# fault rules are the emulator\'s control API'], async () => {
    await control(method, path);
    await drawFaults();
  });
}

async function addFault(form) {
  const f = Object.fromEntries(new FormData(form));
  const match = {};
  if (f.method) match.method = f.method;
  if (f.resourceType) match.resourceType = f.resourceType;
  const rule = { match, kind: f.kind, count: Number(f.count) };
  await act([`curl -X POST $EMU/_emulator/faults -d '${JSON.stringify(rule)}'`, '# fault rules are the emulator\'s control API'], async () => {
    await control('POST', '/_emulator/faults', rule);
    await drawFaults();
  });
}

// ---------- the timeline of operations ----------
function drawProgress(bar) {
  const op = state.ops.get(bar.dataset.opProgress);
  if (!op) return;
  let pct = op.percent ?? 0;
  if (!op.status || op.status === 'InProgress') {
    const t = virtualNow();
    if (t !== null && op.dueAt > op.startedAt) pct = Math.max(pct, Math.min(99, Math.floor(((t - op.startedAt) * 100) / (op.dueAt - op.startedAt))));
  } else {
    pct = 100;
  }
  bar.value = pct;
  bar.textContent = `${pct}%`;
}

function onOperation(type, data, time) {
  const key = data.operationId;
  const op = state.ops.get(key) || { id: key };
  Object.assign(op, { kind: data.kind, resourceId: data.resourceId, method: data.method, startedAt: data.startedAt, dueAt: data.dueAt });
  if (type === 'operation.progressed') op.percent = data.percentComplete;
  if (type === 'operation.finished') {
    op.status = data.status;
    op.error = data.error ? (() => { try { const e = JSON.parse(data.error); return `${e.code}: ${e.message}`; } catch { return data.error; } })() : null;
  } else if (type === 'operation.started') {
    op.status = 'InProgress';
  }
  op.time = time;
  state.ops.set(key, op);
  drawTimeline();
}

function drawTimeline() {
  const ops = [...state.ops.values()].sort((a, b) => (b.startedAt || 0) - (a.startedAt || 0)).slice(0, 40);
  $('timeline').replaceChildren(...ops.map((op) => {
    const name = op.resourceId ? parseId(op.resourceId).name : op.id;
    const li = el('li', { class: `op ${op.status}`, 'data-op': op.id, 'data-status': op.status },
      el('div', { class: 'op-head' }, el('strong', {}, `${op.method || ''} ${name}`), el('span', { class: 'op-status' }, op.status)),
      el('div', { class: 'muted' }, op.kind || ''),
      el('progress', { max: 100, value: 0, 'data-op-progress': op.id, 'aria-label': `progress of ${op.method} ${name}` }),
      op.error ? el('div', { class: 'errors' }, op.error) : null);
    drawProgress(li.querySelector('progress'));
    return li;
  }));
}

// ---------- actions: each the ARM call any client makes, with its az and Python equivalents ----------
function computeBody(props, resourceId) {
  const body = { location: state.location, properties: { computeType: 'AKS', properties: props } };
  if (resourceId) body.properties.resourceId = resourceId;
  return body;
}

function wsArgs() {
  const g = parseId(wsId()).group;
  return { g, w: state.workspace.name };
}

async function createCompute(form) {
  if (!state.workspace) return showError(new Error('Pick a workspace first.'));
  const f = Object.fromEntries(new FormData(form));
  const { g, w } = wsArgs();
  await act([
    `az ml computetarget create aks --name ${f.name} --agent-count ${f.nodes} --vm-size ${f.vmSize} --cluster-purpose ${f.purpose} -g ${g} -w ${w}`,
    `ws = Workspace.get("${w}", resource_group="${g}")\nconfig = AksCompute.provisioning_configuration(agent_count=${f.nodes}, vm_size="${f.vmSize}",\n    cluster_purpose=AksCompute.ClusterPurpose.${f.purpose === 'DevTest' ? 'DEV_TEST' : 'FAST_PROD'})\naks_target = ComputeTarget.create(ws, "${f.name}", config)`,
  ], () => arm('PUT', `${wsId()}/computes/${f.name}?api-version=${API.ml}`,
    computeBody({ agentCount: Number(f.nodes), agentVmSize: f.vmSize, clusterPurpose: f.purpose })));
}

async function attachCompute(form) {
  if (!state.workspace) return showError(new Error('Pick a workspace first.'));
  const f = Object.fromEntries(new FormData(form));
  const { g, w } = wsArgs();
  const c = parseId(f.cluster);
  await act([
    `az ml computetarget attach aks --name ${f.name} --compute-resource-id ${f.cluster} -g ${g} -w ${w}`,
    `attach_config = AksCompute.attach_configuration(resource_group="${c.group}", cluster_name="${c.name}",\n    cluster_purpose=AksCompute.ClusterPurpose.${f.purpose === 'DevTest' ? 'DEV_TEST' : 'FAST_PROD'})\naks_target = ComputeTarget.attach(ws, "${f.name}", attach_config)`,
  ], () => arm('PUT', `${wsId()}/computes/${f.name}?api-version=${API.ml}`, computeBody({ clusterPurpose: f.purpose }, f.cluster)));
}

async function scaleCompute(c, nodes) {
  const { g, w } = wsArgs();
  const body = { location: c.location, properties: { ...c.properties, properties: { ...(c.properties.properties || {}), agentCount: Number(nodes) } } };
  await act([
    `az ml computetarget update aks --name ${c.name} --agent-count ${nodes} -g ${g} -w ${w}`,
    `aks_target = AksCompute(ws, "${c.name}")\naks_target.update(AksUpdateConfiguration(agent_count=${nodes}))`,
  ], () => arm('PUT', `${c.id}?api-version=${API.ml}`, body));
}

async function removeCompute(c, action) {
  const { g, w } = wsArgs();
  await act([
    action === 'Detach' ? `az ml computetarget detach --name ${c.name} -g ${g} -w ${w}` : `az ml computetarget delete --name ${c.name} -g ${g} -w ${w}`,
    action === 'Detach' ? `aks_target = AksCompute(ws, "${c.name}")\naks_target.detach()` : `aks_target = AksCompute(ws, "${c.name}")\naks_target.delete()`,
  ], () => arm('DELETE', `${c.id}?api-version=${API.ml}&underlyingResourceAction=${action}`));
}

async function createCluster(form) {
  const f = Object.fromEntries(new FormData(form));
  const g = state.workspace ? parseId(wsId()).group : null;
  if (!g) return showError(new Error('Pick a workspace first: the cluster goes in its resource group.'));
  await act([
    `az aks create -g ${g} -n ${f.name} --node-count ${f.nodes} --node-vm-size ${f.vmSize} --kubernetes-version ${f.version}`,
    `client.managed_clusters.begin_create_or_update("${g}", "${f.name}", ManagedCluster(location="${state.location}",\n    dns_prefix="${f.name}", kubernetes_version="${f.version}",\n    agent_pool_profiles=[ManagedClusterAgentPoolProfile(name="nodepool1", count=${f.nodes}, vm_size="${f.vmSize}", mode="System")]))`,
  ], () => arm('PUT', `${sub()}/resourceGroups/${g}/providers/Microsoft.ContainerService/managedClusters/${f.name}?api-version=${API.aks}`, {
    location: state.location, identity: { type: 'SystemAssigned' },
    properties: { dnsPrefix: f.name, kubernetesVersion: f.version, agentPoolProfiles: [{ name: 'nodepool1', count: Number(f.nodes), vmSize: f.vmSize, mode: 'System' }] },
  }));
}

async function deleteCluster(k) {
  const g = parseId(k.id).group;
  await act([`az aks delete -g ${g} -n ${k.name} --yes`, `client.managed_clusters.begin_delete("${g}", "${k.name}")`],
    () => arm('DELETE', `${k.id}?api-version=${API.aks}`));
}

// ---------- the guided walkthrough ----------
function drawSteps() {
  $('steps').replaceChildren(...STEPS.map((s, i) => el('li', { class: 'step', 'data-step': i },
    el('h3', {}, s.title), el('p', {}, s.text),
    el('button', { type: 'button', onclick: () => runStep(i) }, `Run step ${i + 1}`),
    el('span', { class: 'step-result', 'aria-live': 'polite' }))));
}

async function runStep(i) {
  const step = STEPS[i];
  const li = $('steps').children[i];
  li.classList.add('running');
  const ok = await act(step.commands, async () => {
    await step.run({ arm, control, state, refresh, API, advance: (s) => control('POST', `/_emulator/clock/advance?seconds=${s}`) });
    return true;
  });
  li.classList.remove('running');
  li.classList.toggle('done', ok === true);
  li.querySelector('.step-result').textContent = ok === true ? step.done : 'refused (see the error below)';
  if (step.view) selectTab(step.view);
  await refresh().catch(showError);
}

// ---------- tabs, wiring ----------
function selectTab(id) {
  document.querySelectorAll('[role=tab]').forEach((t) => {
    const on = t.id === id;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  });
  if (id === 'tab-journal') drawJournal().catch(showError);
  if (id === 'tab-deployments') drawDeployments().catch(showError);
  if (id === 'tab-faults') drawFaults().catch(showError);
}

function wire() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => selectTab(t.id));
    t.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (d) {
        const n = tabs[(i + d + tabs.length) % tabs.length];
        selectTab(n.id);
        n.focus();
      }
    });
  });
  $('create-compute').addEventListener('submit', (e) => { e.preventDefault(); createCompute(e.target); });
  $('attach-compute').addEventListener('submit', (e) => { e.preventDefault(); attachCompute(e.target); });
  $('create-cluster').addEventListener('submit', (e) => { e.preventDefault(); createCluster(e.target); });
  $('add-fault').addEventListener('submit', (e) => { e.preventDefault(); addFault(e.target); });
  $('subscription').addEventListener('change', (e) => { state.subscription = e.target.value; state.workspace = null; refreshSoon(); });
  $('clock-pause').addEventListener('click', () => clockAction('PUT', '/_emulator/clock', { mode: 'manual' },
    'curl -X PUT $EMU/_emulator/clock -d \'{"mode":"manual"}\''));
  $('clock-run').addEventListener('click', () => clockAction('PUT', '/_emulator/clock', { mode: 'scaled', scale: Number($('clock-scale').value) },
    `curl -X PUT $EMU/_emulator/clock -d '{"mode":"scaled","scale":${$('clock-scale').value}}'`));
  $('clock-1m').addEventListener('click', () => clockAction('POST', '/_emulator/clock/advance?seconds=60', undefined,
    'curl -X POST "$EMU/_emulator/clock/advance?seconds=60"'));
  $('clock-10m').addEventListener('click', () => clockAction('POST', '/_emulator/clock/advance?seconds=600', undefined,
    'curl -X POST "$EMU/_emulator/clock/advance?seconds=600"'));
  $('clock-scale-set').addEventListener('click', () => clockAction('PUT', '/_emulator/clock', { scale: Number($('clock-scale').value) },
    `curl -X PUT $EMU/_emulator/clock -d '{"scale":${$('clock-scale').value}}'`));
  $('clock-date-set').addEventListener('click', () => clockAction('PUT', '/_emulator/clock', { date: $('clock-date').value },
    `curl -X PUT $EMU/_emulator/clock -d '{"date":"${$('clock-date').value}"}'`));
  $('reset').addEventListener('click', () => act(['curl -X POST $EMU/_emulator/reset', ''], async () => {
    await control('POST', '/_emulator/reset');
    state.ops.clear();
    drawTimeline();
    $('steps').querySelectorAll('.step').forEach((s) => { s.classList.remove('done'); s.querySelector('.step-result').textContent = ''; });
  }));
  $('scenario-load').addEventListener('click', () => act([`curl -X POST $EMU/_emulator/scenarios/${$('scenario').value}`, ''],
    async () => {
      await control('POST', `/_emulator/scenarios/${$('scenario').value}`);
      state.ops.clear();
      state.subscription = null;
      state.workspace = null;
      await readClock();
      await refresh();
    }));
  $('journal-refresh').addEventListener('click', () => drawJournal().catch(showError));
  $('journal-changes').addEventListener('change', () => drawJournal().catch(showError));
}

async function start() {
  wire();
  drawSteps();
  if (new URLSearchParams(location.search).has('token')) {
    setControlToken(new URLSearchParams(location.search).get('token'));
    history.replaceState(null, '', '/');
  }
  try {
    const scenarios = await control('GET', '/_emulator/scenarios');
    $('scenario').replaceChildren(...scenarios.value.map((s) => el('option', { value: s.name, title: s.description }, s.name)));
    await readClock();
    await refresh();
  } catch (e) {
    showError(e);
  }
  setInterval(drawClock, 250); // local display of a running clock: the server is never polled
  follow({
    onState: (s) => { const pill = $('live'); pill.textContent = s === 'live' ? 'live' : 'reconnecting…'; pill.dataset.state = s; },
    onReset: async () => { await readClock().catch(() => {}); refreshSoon(); },
    onEvent: (e) => {
      if (e.type === 'clock.changed') takeClock(e.data);
      else if (e.type.startsWith('operation.')) onOperation(e.type, e.data, e.time);
      if (e.type === 'world.reset') { state.ops.clear(); drawTimeline(); }
      if (!e.type.startsWith('operation.progressed')) refreshSoon();
      if (!$('view-journal').hidden) drawJournal().catch(() => {});
      if (!$('view-faults').hidden && e.type.startsWith('operation.')) drawFaults().catch(() => {});
    },
  });
}

start();
