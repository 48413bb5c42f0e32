// The duty and command room's console: every figure and action comes from the gateway's public API with the
// signed-in user's own token; the page only draws what it is told.
import { start, signIn, signOut } from './auth.js';
import { api, everyPage, query, ApiError } from './api.js';
import { connect } from './live.js';
import { EMap, legend } from './map.js';
import { t, label, esc, applyLabels, setLanguage, language, onLanguageChange } from './i18n.js';

const OPEN_STATUSES = ['NEW', 'DISPATCHED', 'ACKNOWLEDGED', 'ON_SCENE', 'RESOLVED'];
const ROLES = {
  desk: ['dispatcher', 'command-center', 'commander', 'analyst', 'admin'],
  dispatch: ['dispatcher', 'command-center', 'commander'],
  cordon: ['command-center', 'commander'],
  mode: ['command-center', 'commander', 'admin'],
  applyLevel: ['commander'],
};
const UNIT_LIST_ROWS = 300;

const state = {
  me: null, org: null, roles: new Set(), units: new Map(), positions: new Map(), incidents: new Map(), checkpoints: new Map(),
  plans: [], cordons: new Map(), cameras: new Map(), points: new Map(), zones: new Map(), coverage: new Map(), sites: [],
  selected: null, recommendation: null, charts: {}, analysisLoaded: false, timeZone: undefined,
};
let emap;

const $ = (selector) => document.querySelector(selector);
const may = (action) => ROLES[action].some((role) => state.roles.has(role));
const seconds = (from, to = Date.now()) => Math.max(0, Math.floor((to - new Date(from).getTime()) / 1000));
const clockText = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
const time = (at) => (at ? new Date(at).toLocaleTimeString(language() === 'zh' ? 'zh-CN' : 'en-GB') : '');

function toast(message, info = false) {
  const element = $('#toast');
  element.textContent = message;
  element.className = info ? 'toast info' : 'toast';
  element.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { element.hidden = true; }, 6000);
}

function failure(error) {
  if (error instanceof ApiError) {
    toast(error.status === 403 ? t('forbidden') : `${t('failed')}: ${error.message}${error.fields ? ` (${error.fields})` : ''}`);
  } else {
    toast(`${t('failed')}: ${error.message}`);
  }
}

/** Runs an action from a button: disabled while it runs, its failure shown. */
async function act(button, action) {
  button.disabled = true;
  try {
    await action();
  } catch (error) {
    failure(error);
  } finally {
    button.disabled = false;
  }
}

// ---- loading what the caller may see ----

async function loadZones() {
  const [zones, coverage] = await Promise.all([
    everyPage(`/api/v1/zones${query({ orgCode: state.org })}`, 'zones'),
    api.get(`/api/v1/zones/coverage${query({ orgCode: state.org })}`),
  ]);
  state.coverage = new Map((coverage.zones || []).map((c) => [c.zone.id, c]));
  zones.forEach((zone) => { state.zones.set(zone.id, zone); emap.setZone(zone, state.coverage.get(zone.id)); });
}

async function loadSites() {
  state.sites = await everyPage(`/api/v1/key-sites${query({ orgCode: state.org })}`, 'keySites');
  emap.setSites(state.sites, (id) => state.units.get(id)?.callSign ?? id.slice(0, 8));
}

async function loadUnits() {
  const units = await everyPage(`/api/v1/units${query({ orgCode: state.org })}`, 'units');
  units.forEach((unit) => state.units.set(unit.id, unit));
  if (may('dispatch')) {
    // The live picture to start from; the stream moves it from here.
    const live = await api.get(`/api/v1/units/positions${query({ orgCode: state.org })}`);
    (live.positions || []).forEach((fix) => {
      state.positions.set(fix.unitId, { ...fix.point, at: fix.recordedAt });
      const unit = state.units.get(fix.unitId);
      if (unit) {
        unit.stale = fix.stale;
      }
    });
  }
  state.units.forEach((unit, id) => emap.setUnit(unit, state.positions.get(id)));
  renderUnits();
}

async function loadIncidents() {
  const incidents = await everyPage(`/api/v1/incidents${query({ orgCode: state.org, status: OPEN_STATUSES })}`, 'incidents', 500);
  const open = new Set(incidents.map((incident) => incident.id));
  [...state.incidents.keys()].filter((id) => !open.has(id)).forEach(forgetIncident);
  incidents.forEach(keepIncident);
  renderQueue();
}

async function loadCheckpoints() {
  const checkpoints = await everyPage(`/api/v1/checkpoints${query({ orgCode: state.org })}`, 'checkpoints');
  checkpoints.forEach((checkpoint) => { state.checkpoints.set(checkpoint.id, checkpoint); emap.setCheckpoint(checkpoint); });
}

async function loadCordons() {
  const plans = await api.get(`/api/v1/cordon-plans${query({ orgCode: state.org })}`);
  state.plans = plans.plans || [];
  await Promise.all(state.plans.map((plan) => loadCordon(plan.id)));
}

async function loadCordon(planId) {
  state.cordons.set(planId, await api.get(`/api/v1/cordon-plans/${planId}/status`));
  renderCordons();
}

async function loadVideo() {
  const [points, cameras] = await Promise.all([
    everyPage(`/api/v1/video-points${query({ orgCode: state.org })}`, 'points'),
    everyPage(`/api/v1/cameras${query({ orgCode: state.org })}`, 'cameras'),
  ]);
  points.forEach((point) => state.points.set(point.id, point));
  cameras.forEach((camera) => state.cameras.set(camera.id, camera));
  drawVideoPoints();
}

function drawVideoPoints() {
  const counts = new Map();
  state.cameras.forEach((camera) => {
    const count = counts.get(camera.pointId) || { online: 0, total: 0 };
    count.total += 1;
    count.online += camera.online ? 1 : 0;
    counts.set(camera.pointId, count);
  });
  state.points.forEach((point, id) => {
    const count = counts.get(id) || { online: 0, total: 0 };
    emap.setVideoPoint(point, count.online, count.total);
  });
}

async function loadMode() {
  const mode = await api.get(`/api/v1/command-modes/${state.org}`);
  showMode(mode.mode, mode.switchedBy, mode.reason);
}

async function loadStrength() {
  const strength = await api.get(`/api/v1/duty-strength${query({ orgCode: state.org })}`);
  const rows = [...(strength.byForceType || []), { ...strength.total, forceType: 'total' }];
  $('#strength tbody').innerHTML = rows.map((row) => `<tr${row.forceType === 'total' ? ' class="total"' : ''}>`
    + `<td>${row.forceType === 'total' ? t('total') : esc(label(row.forceType))}</td><td>${row.units}</td><td>${row.people}</td><td>${row.cars}</td>`
    + `<td>${row.firearms}</td></tr>`).join('');
  chart('strength', '#chart-strength', 'bar', (strength.byForceType || []).map((row) => label(row.forceType)), [
    { label: t('people'), data: strength.byForceType.map((row) => row.people), backgroundColor: '#3d8bfd' },
    { label: t('cars'), data: strength.byForceType.map((row) => row.cars), backgroundColor: '#2eb872' },
    { label: t('firearms'), data: strength.byForceType.map((row) => row.firearms), backgroundColor: '#e5484d' },
  ]);
}

/** Everything, at start and after the stream was broken (events may have been missed). */
async function loadAll(first = false) {
  const loads = [loadZones().then(() => first && emap.fitZones()), loadMode(), loadStrength()];
  await Promise.allSettled(loads);
  const rest = [loadUnits().then(loadSites), loadIncidents(), loadCheckpoints().then(loadCordons), loadVideo()];
  (await Promise.allSettled(rest)).filter((r) => r.status === 'rejected' && !(r.reason instanceof ApiError && r.reason.status === 403))
    .forEach((r) => failure(r.reason));
  if (state.analysisLoaded) {
    loadAnalysis().catch(failure);
  }
}

// ---- incidents ----

function keepIncident(incident) {
  state.incidents.set(incident.id, incident);
  emap.setIncident(incident, selectIncident);
  if (incident.type === 'WANTED_HIT' && !incident.trailLoaded) {
    incident.trailLoaded = true;
    api.get(`/api/v1/incidents/${incident.id}/trail`).then((trail) => emap.setTrail(incident.id, trail.sightings || [])).catch(() => {});
  }
}

function forgetIncident(id) {
  state.incidents.delete(id);
  emap.removeIncident(id);
  if (state.selected === id) {
    state.selected = null;
    $('#incident-detail').hidden = true;
  }
}

const pendingRefresh = new Map();

/** The incident as it now stands, once per burst of events about it. */
function refreshIncident(id) {
  clearTimeout(pendingRefresh.get(id));
  pendingRefresh.set(id, setTimeout(async () => {
    pendingRefresh.delete(id);
    try {
      const incident = await api.get(`/api/v1/incidents/${id}`);
      if (OPEN_STATUSES.includes(incident.status)) {
        keepIncident({ ...incident, trailLoaded: state.incidents.get(id)?.trailLoaded });
      } else {
        forgetIncident(id);
      }
      renderQueue();
      if (state.selected === id) {
        renderDetail(incident);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        forgetIncident(id);
        renderQueue();
      }
    }
  }, 250));
}

function clocks(incident) {
  const watch = incident.stopwatch || {};
  const breached = new Set(watch.breached || []);
  return [['react', watch.reactTargetS, watch.reactedAt], ['arrive', watch.arriveTargetS, watch.arrivedAt], ['resolve', watch.resolveTargetS, watch.resolvedAt]]
    .map(([name, target, doneAt]) => {
      const elapsed = seconds(incident.reportedAt, doneAt ? new Date(doneAt).getTime() : Date.now());
      const late = breached.has(name) || (target > 0 && elapsed > target);
      const css = late ? 'breached' : doneAt ? 'done' : target > 0 && elapsed > target * 0.8 ? 'near' : 'running';
      return { name, target, elapsed, late, css, done: Boolean(doneAt) };
    });
}

function clockCells(incident) {
  return clocks(incident).map((c) => `<span class="clock ${c.css}" data-clock="${c.name}" title="${t(c.name)} ≤ ${clockText(c.target || 0)}">`
    + `${clockText(c.elapsed)}</span>`).join('');
}

function renderQueue() {
  const incidents = [...state.incidents.values()].sort((a, b) => a.priority - b.priority || new Date(a.reportedAt) - new Date(b.reportedAt));
  $('#incident-count').textContent = incidents.length;
  $('#incident-empty').hidden = incidents.length > 0;
  $('#incident-queue tbody').innerHTML = incidents.map((incident) => {
    const late = clocks(incident).some((c) => c.late);
    return `<tr class="clickable${late ? ' breached' : ''}${state.selected === incident.id ? ' selected' : ''}" data-incident-id="${incident.id}" data-status="${incident.status}">`
      + `<td><span class="prio prio-${incident.priority}">${incident.priority}</span></td>`
      + `<td><b class="number">${esc(incident.number)}</b> ${esc(label(incident.type))} · <span class="incident-status">${esc(label(incident.status))}</span>`
      + `<br><small>${esc(incident.address)}</small><div class="clocks">${clockCells(incident)}</div></td>`
      + `<td class="age">${clockText(seconds(incident.reportedAt))}</td></tr>`;
  }).join('');
}

/** The clocks run every second without a request. */
function tick() {
  document.querySelectorAll('#incident-queue tr[data-incident-id]').forEach((row) => {
    const incident = state.incidents.get(row.dataset.incidentId);
    if (incident) {
      row.querySelector('.age').textContent = clockText(seconds(incident.reportedAt));
      row.querySelector('.clocks').innerHTML = clockCells(incident);
      row.classList.toggle('breached', clocks(incident).some((c) => c.late));
    }
  });
  document.querySelectorAll('.cordon.active .cordon-time[data-since]').forEach((element) => {
    element.textContent = clockText(seconds(element.dataset.since));
  });
  const detailClocks = document.querySelector('#incident-detail .clocks');
  if (detailClocks && state.incidents.has(state.selected)) {
    detailClocks.innerHTML = clockCells(state.incidents.get(state.selected));
  }
}

async function selectIncident(id) {
  state.selected = id;
  state.recommendation = null;
  showTab('incidents');
  renderQueue();
  const incident = await api.get(`/api/v1/incidents/${id}`).catch(failure);
  if (!incident) {
    return;
  }
  emap.focus(incident.location);
  renderDetail(incident);
  if (may('dispatch') && ['NEW', 'DISPATCHED', 'ACKNOWLEDGED', 'ON_SCENE'].includes(incident.status)) {
    state.recommendation = await api.get(`/api/v1/incidents/${id}/recommendations`).catch((error) => { failure(error); return null; });
    if (state.selected === id) {
      renderDetail(incident);
    }
  }
}

function renderDetail(incident) {
  const detail = $('#incident-detail');
  detail.hidden = false;
  detail.dataset.incidentId = incident.id;
  detail.dataset.status = incident.status;
  const assignments = (incident.assignments || []).map((a) => {
    const steps = [['dispatched', a.dispatchedAt], ['delivered', a.deliveredAt], ['acknowledged', a.acknowledgedAt], ['arrived', a.arrivedAt],
      ['released', a.releasedAt]].filter(([, at]) => at).map(([what, at]) => `${t(what)} ${time(at)}`).join(' · ');
    const unit = state.units.get(a.unitId);
    return `<li data-unit-id="${a.unitId}"><b>${esc(a.callSign)}</b> <span class="status status-${unit?.status}">${esc(label(unit?.status))}</span>`
      + `<br><small>${steps}</small></li>`;
  }).join('');
  const recommendation = state.recommendation;
  const assigned = new Set((incident.assignments || []).filter((a) => !a.releasedAt).map((a) => a.unitId));
  const candidates = (recommendation?.units || []).filter((u) => !assigned.has(u.unitId));
  const recommended = !may('dispatch') || !['NEW', 'DISPATCHED', 'ACKNOWLEDGED', 'ON_SCENE'].includes(incident.status) ? ''
    : `<h3>${t('recommended')}</h3>${recommendation === null ? '<p class="hint">…</p>' : candidates.length === 0 ? `<p class="empty">${t('noRecommendation')}</p>`
      : `<table class="list recommendations"><tbody>${candidates.map((u) => `<tr data-unit-id="${u.unitId}"><td><b>${esc(u.callSign)}</b>`
        + `<br><small>${esc(label(u.forceType))}</small></td><td>${Math.round(u.distanceM)} m</td><td>${t('eta')} ${clockText(u.etaSeconds)}</td>`
        + `<td><button class="small dispatch" data-unit-id="${u.unitId}">${t('dispatch')}</button></td></tr>`).join('')}</tbody></table>`
        + `<div class="row"><button class="dispatch-all">${t('dispatchAll')}</button></div>`}`;
  const actions = may('dispatch') ? [
    incident.status === 'RESOLVED' ? `<button class="close-incident">${t('close')}</button>` : '',
    ['NEW', 'DISPATCHED', 'ACKNOWLEDGED', 'ON_SCENE'].includes(incident.status) ? `<button class="secondary cancel-incident">${t('cancelIncident')}</button>` : '',
  ].join('') : '';
  detail.innerHTML = `<h3><span class="prio prio-${incident.priority}">${incident.priority}</span> ${esc(incident.number)} · ${esc(label(incident.type))}`
    + ` · <span class="detail-status">${esc(label(incident.status))}</span></h3>`
    + `<dl><dt>${t('address')}</dt><dd>${esc(incident.address)}</dd><dt>${t('reported')}</dt><dd>${time(incident.reportedAt)}</dd>`
    + `<dt>${t('source')}</dt><dd>${esc(label(incident.source))}</dd>${incident.keySiteName ? `<dt>${t('keySite')}</dt><dd>${esc(incident.keySiteName)}</dd>` : ''}`
    + `<dt>${t('clocks')}</dt><dd class="clocks">${clockCells(incident)}</dd></dl>`
    + `${incident.description ? `<p>${esc(incident.description)}</p>` : ''}`
    + `${assignments ? `<h3>${t('assignments')}</h3><ul class="timeline assignments">${assignments}</ul>` : ''}${recommended}`
    + `<h3>${t('timeline')}</h3><ul class="timeline events">${(incident.timeline || []).map((entry) => `<li><time>${time(entry.at)}</time>`
      + `<span class="what">${esc(entry.what)}</span> <small>${esc(entry.actor)} ${esc(entry.detail)}</small></li>`).join('')}</ul>`
    + `<div class="row">${actions}</div>`;
  detail.querySelectorAll('button.dispatch').forEach((button) => button.addEventListener('click', () => act(button,
    () => dispatch(incident.id, [button.dataset.unitId]))));
  detail.querySelector('button.dispatch-all')?.addEventListener('click', (event) => act(event.target,
    () => dispatch(incident.id, candidates.slice(0, Math.max(1, recommendation.unitsWanted || 1)).map((u) => u.unitId))));
  detail.querySelector('button.close-incident')?.addEventListener('click', (event) => act(event.target, async () => {
    await api.post(`/api/v1/incidents/${incident.id}/close`);
    refreshIncident(incident.id);
  }));
  detail.querySelector('button.cancel-incident')?.addEventListener('click', (event) => act(event.target, async () => {
    const reason = prompt(t('reasonPrompt'));
    if (reason) {
      await api.post(`/api/v1/incidents/${incident.id}/cancel`, { reason });
      refreshIncident(incident.id);
    }
  }));
}

async function dispatch(incidentId, unitIds) {
  const incident = await api.post(`/api/v1/incidents/${incidentId}/dispatch`, { unitIds });
  state.recommendation = await api.get(`/api/v1/incidents/${incidentId}/recommendations`).catch(() => null);
  keepIncident({ ...incident, trailLoaded: state.incidents.get(incidentId)?.trailLoaded });
  renderQueue();
  if (state.selected === incidentId) {
    renderDetail(incident);
  }
}

// ---- cordon ----

function renderCordons() {
  const container = $('#cordon-plans');
  // A reason being typed survives the panel's redraw on every confirmation.
  const typed = new Map([...container.querySelectorAll('.cordon-reason')].map((input) => [input.closest('.cordon').dataset.planId, input.value]));
  const focused = document.activeElement?.classList.contains('cordon-reason') ? document.activeElement.closest('.cordon').dataset.planId : null;
  container.innerHTML = state.plans.map((plan) => {
    const status = state.cordons.get(plan.id) || {};
    const members = status.members || [];
    const total = plan.memberCount || members.length;
    const confirmed = status.confirmed || 0;
    const activeFor = status.active ? seconds(status.activatedAt) : 0;
    const rows = members.map((m) => {
      const checkpoint = state.checkpoints.get(m.checkpointId);
      const standing = m.confirmed ? `<span class="confirmed">✓ ${clockText(m.secondsToSealed)}</span>`
        : m.overdue ? `<span class="late">${t('overdue')}</span>` : `<span class="hint">${t('pending')}</span>`;
      return `<tr data-checkpoint-id="${m.checkpointId}" class="${m.confirmed ? 'is-confirmed' : m.overdue ? 'is-late' : 'is-pending'}">`
        + `<td>${esc(checkpoint?.name ?? m.code)}</td><td>${esc(m.code)}</td><td>${standing}</td></tr>`;
    }).join('');
    const controls = !may('cordon') ? '' : status.active
      ? `<button class="danger deactivate" data-plan-id="${plan.id}">${t('deactivate')}</button>`
      : `<input class="cordon-reason" placeholder="${t('reason')}" maxlength="500"> <button class="activate" data-plan-id="${plan.id}">${t('activate')}</button>`;
    return `<div class="cordon${status.active ? ' active' : ''}" data-plan-id="${plan.id}"><b>${esc(plan.name)}</b>`
      + `<div>${status.active ? `<span class="cordon-count">${confirmed} / ${total}</span> ${t('confirmedOf')} · ${t('timeToSealed')} `
        + (status.pending === 0 ? `<span class="cordon-time">${clockText(status.secondsToSealed)}</span>`
          : `<span class="cordon-time" data-since="${status.activatedAt}">${clockText(activeFor)}</span>`)
        + `${status.pending === 0 ? ` · <b class="confirmed">${t('sealed')}</b>` : ''}<br><small>${t('activatedBy')} ${esc(status.activatedBy)}: ${esc(status.reason)}</small>`
        : `<span class="hint">${t('notActive')} · ${total} ${t('checkpoints')} · ${t('confirmWithin')} ${clockText(plan.confirmWithinS || 0)}</span>`}</div>`
      + `<div class="progress"><div style="width:${total ? (100 * confirmed) / total : 0}%"></div></div>`
      + `<div class="row">${controls}</div>${status.active ? `<table class="list members"><tbody>${rows}</tbody></table>` : ''}</div>`;
  }).join('');
  container.querySelectorAll('.cordon-reason').forEach((input) => {
    const planId = input.closest('.cordon').dataset.planId;
    input.value = typed.get(planId) || '';
    if (planId === focused) {
      input.focus();
    }
  });
  container.querySelectorAll('button.activate').forEach((button) => button.addEventListener('click', () => act(button, async () => {
    const reason = button.parentElement.querySelector('.cordon-reason').value.trim();
    await api.post(`/api/v1/cordon-plans/${button.dataset.planId}/activate`, { reason });
    await loadCordon(button.dataset.planId);
  })));
  container.querySelectorAll('button.deactivate').forEach((button) => button.addEventListener('click', () => act(button, async () => {
    const reason = prompt(t('reasonPrompt'));
    if (reason) {
      await api.post(`/api/v1/cordon-plans/${button.dataset.planId}/deactivate`, { reason });
      await loadCordon(button.dataset.planId);
    }
  })));
}

async function refreshCheckpoints(ids) {
  await Promise.all((ids || []).filter(Boolean).map(async (id) => {
    const checkpoint = await api.get(`/api/v1/checkpoints/${id}`).catch(() => null);
    if (checkpoint) {
      state.checkpoints.set(id, checkpoint);
      emap.setCheckpoint(checkpoint);
    }
  }));
}

// ---- command mode ----

function showMode(mode, by, reason) {
  if (!mode) {
    return;
  }
  $('#mode-value').textContent = t(`mode.${mode}`);
  $('#mode-value').dataset.mode = mode;
  $('#mode').classList.toggle('emergency', mode === 'EMERGENCY');
  $('#mode').title = by ? `${by}: ${reason || ''}` : '';
}

// ---- analysis ----

function chart(name, canvas, type, labels, datasets, options = {}) {
  state.charts[name]?.destroy();
  state.charts[name] = new Chart($(canvas), {
    type, data: { labels, datasets },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { labels: { color: '#e4e9f0' } } },
      scales: { x: { ticks: { color: '#8c9aab' } }, y: { ticks: { color: '#8c9aab' }, beginAtZero: true } }, ...options },
  });
}

async function loadAnalysis() {
  state.analysisLoaded = true;
  const period = $('#analysis-days').value;
  // "today" is the day so far; the others are whole days ending yesterday (the report's default).
  const days = period === 'today' ? 1 : Number(period);
  const day = period === 'today' ? new Date().toLocaleDateString('en-CA', { timeZone: state.timeZone }) : undefined;
  const zoneName = (id) => state.zones.get(id)?.name ?? id;
  const [report, levels, reinforcements, control] = await Promise.all([
    api.get(`/api/v1/reports/situation${query({ orgCode: state.org, day, days })}`),
    api.get(`/api/v1/reports/patrol-levels${query({ orgCode: state.org, days: Math.max(days, 7) })}`),
    api.get(`/api/v1/reports/reinforcements${query({ orgCode: state.org })}`),
    api.get(`/api/v1/reports/control-points${query({ orgCode: state.org, days: Math.max(days, 7), limit: 20 })}`),
  ]);
  // No change figure where the previous period had nothing to compare with (the API's NaN).
  const change = (pct) => (typeof pct !== 'number' || Number.isNaN(pct) ? '—'
    : `<span class="${pct > 0 ? 'up' : pct < 0 ? 'down' : ''}">${pct > 0 ? '+' : ''}${Math.round(pct)}%</span>`);
  const compliance = report.compliance || {};
  $('#situation-summary').innerHTML = `<div>${t('incidents')}<b class="total-incidents">${report.total?.count ?? 0}</b>${t('change')} ${change(report.total?.changeVsPreviousPct ?? 0)}</div>`
    + `<div>${t('closed')}<b>${report.closed ?? 0}</b>${t('byIntelligence')} ${Math.round(100 * (report.intelligenceShare || 0))}%</div>`
    + `<div>${t('react')} / ${t('arrive')} / ${t('resolve')}<b>${[compliance.reactRate, compliance.arriveRate, compliance.resolveRate]
      .map((r) => `${Math.round(100 * (r || 0))}%`).join(' / ')}</b></div>`;
  const byType = report.byType || [];
  chart('types', '#chart-types', 'bar', byType.map((row) => label(row.key)), [
    { label: t('incidents'), data: byType.map((row) => row.count), backgroundColor: '#3d8bfd' },
    { label: t('previous'), data: byType.map((row) => row.previous), backgroundColor: '#55606e' },
  ]);
  const byZone = report.byZone || [];
  chart('zones', '#chart-zones', 'bar', byZone.map((row) => zoneName(row.key)), [
    { label: t('incidents'), data: byZone.map((row) => row.count), backgroundColor: '#f0a020' },
    { label: t('previous'), data: byZone.map((row) => row.previous), backgroundColor: '#55606e' },
  ], { indexAxis: 'y' });
  chart('compliance', '#chart-compliance', 'bar', [t('react'), t('arrive'), t('resolve')], [
    { label: '%', data: [compliance.reactRate, compliance.arriveRate, compliance.resolveRate].map((r) => Math.round(100 * (r || 0))),
      backgroundColor: ['#2eb872', '#e8d84a', '#3d8bfd'] },
  ], { scales: { y: { min: 0, max: 100, ticks: { color: '#8c9aab' } }, x: { ticks: { color: '#8c9aab' } } }, plugins: { legend: { display: false } } });

  $('#patrol-levels tbody').innerHTML = (levels.zones || []).map((row) => `<tr data-zone-id="${row.zoneId}"><td>${esc(row.zoneName)}</td>`
    + `<td>${t('current')} ${row.currentLevel} → <b>${row.recommendedLevel}</b><br><small>${esc(row.reason)}</small></td>`
    + `<td>${may('applyLevel') && row.recommendedLevel !== row.currentLevel
      ? `<button class="small apply-level" data-zone-id="${row.zoneId}" data-level="${row.recommendedLevel}">${t('applyLevel')}</button>` : ''}</td></tr>`).join('');
  document.querySelectorAll('button.apply-level').forEach((button) => button.addEventListener('click', () => act(button, async () => {
    await api.post(`/api/v1/reports/patrol-levels/${button.dataset.zoneId}`,
      { patrolLevel: Number(button.dataset.level), reason: `${t('recommendedLevel')} (${days})` });
    button.replaceWith(t('applied'));
    await loadZones();
  })));
  const short = reinforcements.zones || [];
  $('#reinforcements').innerHTML = short.length === 0 ? `<p class="empty">${t('noneShort')}</p>` : short.map((zone) => `<p><b>${esc(zone.zoneName)}</b>`
    + ` ${zone.visibleUnits}/${zone.requiredUnits} (${t('shortfall')} ${zone.shortfall})<br><small>${t('support')}: `
    + `${(zone.units || []).map((u) => `${esc(u.callSign)} ${Math.round(u.distanceM)} m`).join(', ') || '—'}</small></p>`).join('');
  const cells = control.cells || [];
  emap.setHotspots(cells);
  $('#control-points').innerHTML = cells.length === 0 ? `<p class="empty">${t('noHotspots')}</p>`
    : `<table class="list"><tbody>${cells.map((cell) => `<tr class="clickable" data-lat="${cell.center.lat}" data-lon="${cell.center.lon}">`
      + `<td>${cell.center.lat.toFixed(4)}, ${cell.center.lon.toFixed(4)}</td><td>${cell.incidents} ${t('incidents')}</td></tr>`).join('')}</tbody></table>`;
  document.querySelectorAll('#control-points tr').forEach((row) => row.addEventListener('click',
    () => emap.focus({ lat: Number(row.dataset.lat), lon: Number(row.dataset.lon) })));
}

// ---- units list ----

function renderUnits() {
  const filter = $('#unit-filter').value.trim().toLowerCase();
  const all = [...state.units.values()];
  const matching = all.filter((unit) => !filter || unit.callSign.toLowerCase().includes(filter) || unit.status.toLowerCase().includes(filter)
    || label(unit.status).toLowerCase().includes(filter));
  $('#unit-count').textContent = all.length;
  $('#unit-list tbody').innerHTML = matching.slice(0, UNIT_LIST_ROWS).map((unit) => {
    const position = state.positions.get(unit.id);
    return `<tr class="clickable" data-unit-id="${unit.id}" data-status="${unit.status}"><td>${esc(unit.callSign)}</td><td>${esc(label(unit.forceType))}</td>`
      + `<td class="status status-${unit.status}">${esc(label(unit.status))}${unit.stale ? ` <small>(${t('stale')})</small>` : ''}</td>`
      + `<td class="where">${position ? `${position.lat.toFixed(5)}, ${position.lon.toFixed(5)}` : '—'}</td></tr>`;
  }).join('');
  const more = $('#unit-list-more');
  more.hidden = matching.length <= UNIT_LIST_ROWS;
  more.textContent = t('moreUnits', { shown: UNIT_LIST_ROWS, total: matching.length });
}

let unitsDirty = false;

/** The units list is redrawn at most twice a second, whatever the rate of positions. */
function unitsChanged() {
  if (!unitsDirty) {
    unitsDirty = true;
    setTimeout(() => { unitsDirty = false; renderUnits(); }, 500);
  }
}

// ---- live events ----

async function unitOf(id) {
  if (!state.units.has(id)) {
    const unit = await api.get(`/api/v1/units/${id}`).catch(() => null);
    if (!unit) {
      return null;
    }
    state.units.set(id, unit);
  }
  return state.units.get(id);
}

async function onEvent(name, event) {
  if (name === 'unit.position') {
    const position = event.unitPosition;
    const unit = await unitOf(position.unitId);
    if (unit) {
      state.positions.set(unit.id, { ...position.point, at: position.recordedAt });
      emap.setUnit(unit, state.positions.get(unit.id));
      unitsChanged();
    }
  } else if (name === 'unit.status') {
    const change = event.unitStatusChanged;
    const unit = await unitOf(change.unitId);
    if (unit) {
      unit.status = change.to;
      unit.incidentId = change.incidentId;
      unit.stale = false;
      emap.setUnit(unit, state.positions.get(unit.id));
      unitsChanged();
      if (state.selected && document.querySelector(`#incident-detail [data-unit-id="${unit.id}"]`)) {
        refreshIncident(state.selected);
      }
    }
  } else if (name === 'unit.stale') {
    const unit = state.units.get(event.unitStale.unitId);
    if (unit) {
      unit.stale = true;
      emap.setUnit(unit, state.positions.get(unit.id));
      unitsChanged();
    }
  } else if (name.startsWith('incident.')) {
    refreshIncident(event.incidentChanged.incidentId);
    if (name === 'incident.reported') {
      toast(`${label(event.incidentChanged.incidentType)} · ${event.incidentChanged.address}`, true);
    }
  } else if (name === 'command.mode') {
    if (event.commandModeChanged.orgCode === state.org) {
      loadMode().catch(failure);
    }
  } else if (name.startsWith('cordon.')) {
    const change = event.cordonChanged;
    if (state.plans.some((plan) => plan.id === change.planId)) {
      await refreshCheckpoints(change.checkpointId ? [change.checkpointId] : change.checkpointIds);
      await loadCordon(change.planId).catch(failure);
    }
  } else if (name === 'zone.level') {
    loadZones().catch(failure);
  } else if (name === 'camera.offline' || name === 'camera.online') {
    const change = event.cameraStateChanged;
    const camera = state.cameras.get(change.cameraId);
    if (camera) {
      camera.online = change.online;
      drawVideoPoints();
    }
  }
}

// ---- page ----

function showTab(name) {
  document.querySelectorAll('#tabs button').forEach((button) => button.classList.toggle('active', button.dataset.tab === name));
  document.querySelectorAll('.tab').forEach((tab) => tab.classList.toggle('active', tab.id === `tab-${name}`));
  if (name === 'analysis' && !state.analysisLoaded) {
    loadAnalysis().catch(failure);
  }
}

function wire() {
  document.querySelectorAll('#tabs button').forEach((button) => button.addEventListener('click', () => showTab(button.dataset.tab)));
  $('#incident-queue tbody').addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-incident-id]');
    if (row) {
      selectIncident(row.dataset.incidentId);
    }
  });
  $('#unit-list tbody').addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-unit-id]');
    const position = row && state.positions.get(row.dataset.unitId);
    if (position) {
      emap.focus(position);
    }
  });
  $('#unit-filter').addEventListener('input', renderUnits);
  $('#analysis-refresh').addEventListener('click', () => loadAnalysis().catch(failure));
  $('#analysis-days').addEventListener('change', () => loadAnalysis().catch(failure));
  $('#lang').addEventListener('click', () => setLanguage(language() === 'zh' ? 'en' : 'zh'));
  $('#sign-out').addEventListener('click', signOut);
  const form = $('#mode-form');
  $('#mode-switch').addEventListener('click', () => {
    form.mode.value = $('#mode-value').dataset.mode === 'EMERGENCY' ? 'NORMAL' : 'EMERGENCY';
    form.querySelector('.error').hidden = true;
    form.hidden = false;
    form.reason.focus();
  });
  form.querySelector('[data-close]').addEventListener('click', () => { form.hidden = true; });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const mode = await api.put(`/api/v1/command-modes/${state.org}`, { mode: form.mode.value, reason: form.reason.value.trim() });
      showMode(mode.mode, mode.switchedBy, mode.reason);
      form.hidden = true;
      form.reason.value = '';
    } catch (error) {
      const message = form.querySelector('.error');
      message.textContent = error instanceof ApiError ? `${error.message}${error.fields ? ` (${error.fields})` : ''}` : error.message;
      message.hidden = false;
    }
  });
  onLanguageChange(() => {
    $('#lang').textContent = language() === 'zh' ? 'EN' : '中文';
    emap.relabel();
    legend($('#legend'));
    showMode($('#mode-value').dataset.mode);
    renderQueue();
    renderCordons();
    renderUnits();
    if (state.selected && state.incidents.has(state.selected)) {
      renderDetail(state.incidents.get(state.selected));
    }
    if (state.analysisLoaded) {
      loadAnalysis().catch(failure);
    }
    loadStrength().catch(() => {});
  });
}

async function boot() {
  applyLabels();
  $('#lang').textContent = language() === 'zh' ? 'EN' : '中文';
  const settings = await (await fetch('config.json')).json();
  if (new URLSearchParams(location.search).has('signedOut')) {
    history.replaceState(null, '', location.pathname);
    await start(settings, { interactive: false });
    $('#signed-out').hidden = false;
    $('#sign-in').addEventListener('click', () => signIn());
    return;
  }
  await start(settings);
  state.timeZone = settings.timeZone;
  state.me = await api.get('/api/v1/me');
  state.org = state.me.orgCode;
  state.roles = new Set(state.me.roles);
  $('#user').textContent = `${state.me.username} · ${state.me.roles.filter((r) => ROLES.desk.includes(r)).join(', ')}`;
  if (!may('desk')) {
    $('#signed-out p').textContent = t('deskOnly');
    $('#sign-in').textContent = t('signOut');
    $('#sign-in').addEventListener('click', signOut);
    $('#signed-out').hidden = false;
    document.body.dataset.ready = 'true';
    return;
  }
  const organisation = await api.get(`/api/v1/organisations/${state.org}`).catch(() => null);
  $('#org').textContent = organisation ? `${organisation.name} (${state.org})` : state.org;
  $('#mode-switch').hidden = !may('mode');
  emap = new EMap($('#map'), settings.map);
  legend($('#legend'));
  window.fangkongConsole = { state, map: emap };
  wire();
  await loadAll(true);
  connect({
    onEvent: (name, event) => onEvent(name, event).catch(failure),
    onState: (up) => {
      $('#live').classList.toggle('off', !up);
      $('#live-text').textContent = t(up ? 'live' : 'offline');
      $('#live-text').dataset.i18n = up ? 'live' : 'offline';
    },
    onResume: () => loadAll(),
  });
  setInterval(tick, 1000);
  // Which checkpoints are late is the service's call; an active cordon's standing is read again while it waits.
  setInterval(() => state.cordons.forEach((status, planId) => {
    if (status.active && status.pending > 0) {
      loadCordon(planId).catch(() => {});
    }
  }), 10_000);
  document.body.dataset.ready = 'true';
}

boot().catch((error) => {
  failure(error);
  document.body.dataset.ready = 'failed';
});
