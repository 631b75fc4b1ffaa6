// The dashboard: live table (metrics snapshots and events over WebSockets), charts, supervision tree, log follow.
import { drawLine } from './charts.js';
import { bytes, duration, percent } from './format.js';

const MAX_EVENTS = 200;
const MAX_LOG_LINES = 1000;
const MAX_POINTS = 360;

const rows = new Map();          // key NAME-INDEX -> process status
const history = { program: null, cpu: [], memory: [] };
let csrf = null;
let csrfHeader = 'X-PBM-CSRF';
let sort = { by: 'key', desc: false };
let logSocket = null;

const $ = (id) => document.getElementById(id);
const wsUrl = (path) => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;

function showError(message) { $('error').textContent = message; }

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', [csrfHeader]: csrf },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401) { location.replace('/dashboard/login'); return null; }
  if (!response.ok) {
    let text = `${method} ${path}: ${response.status}`;
    try { const p = await response.json(); text = `${p.error}${p.detail ? ': ' + p.detail : ''}`; } catch { /* empty */ }
    throw new Error(text);
  }
  return response.status === 204 ? null : response.json();
}

// A WebSocket that comes back after a drop (the daemon restarted, the network blinked).
function live(path, onMessage, onState) {
  let retry = 500;
  const open = () => {
    const socket = new WebSocket(wsUrl(path));
    socket.onopen = () => { retry = 500; onState?.(true); };
    socket.onmessage = (m) => onMessage(JSON.parse(m.data));
    socket.onclose = () => { onState?.(false); setTimeout(open, retry); retry = Math.min(retry * 2, 10000); };
  };
  open();
}

const keyOf = (p) => `${p.name}-${p.instance ?? 0}`;

function renderTable() {
  const body = $('processes').tBodies[0];
  const list = [...rows.values()].sort((a, b) => {
    const x = sort.by === 'key' ? keyOf(a) : a[sort.by];
    const y = sort.by === 'key' ? keyOf(b) : b[sort.by];
    const order = x == null ? 1 : y == null ? -1 : x < y ? -1 : x > y ? 1 : 0;
    return sort.desc ? -order : order;
  });
  const existing = new Map([...body.rows].map((r) => [r.dataset.key, r]));
  list.forEach((p, index) => {
    const key = keyOf(p);
    let row = existing.get(key);
    if (!row) {
      row = body.insertRow();
      row.dataset.key = key;
      row.dataset.program = p.name;
      row.innerHTML = '<td class="name"></td><td class="status"></td><td class="pid num"></td><td class="restarts num"></td>'
        + '<td class="cpu num"></td><td class="memory num"></td><td class="uptime num"></td>'
        + '<td class="actions"><button class="start">Start</button><button class="stop">Stop</button><button class="restart">Restart</button></td>';
      for (const action of ['start', 'stop', 'restart']) {
        row.querySelector(`button.${action}`).addEventListener('click', (e) => { e.stopPropagation(); act(action, p.name); });
      }
      row.addEventListener('click', () => select(p.name));
    }
    existing.delete(key);
    fill(row, p);
    if (body.rows[index] !== row) body.insertBefore(row, body.rows[index] ?? null);
  });
  for (const stale of existing.values()) stale.remove();
  for (const th of $('processes').tHead.rows[0].cells) {
    th.classList.toggle('sorted', th.dataset.sort === sort.by);
    th.classList.toggle('desc', th.dataset.sort === sort.by && sort.desc);
  }
  const select_ = $('log-program');
  const programs = [...new Set([...rows.values()].map((p) => p.name))].sort();
  if (select_.options.length !== programs.length) {
    const chosen = select_.value;
    select_.replaceChildren(...programs.map((n) => new Option(n, n)));
    if (programs.includes(chosen)) select_.value = chosen;
  }
}

function fill(row, p) {
  const cells = row.cells;
  cells[0].textContent = keyOf(p);
  cells[1].textContent = p.status;
  cells[1].className = `status ${p.status}`;
  cells[2].textContent = p.pid ?? '';
  cells[3].textContent = p.restarts;
  cells[4].textContent = percent(p.cpuPercent);
  cells[5].textContent = bytes(p.memoryBytes);
  cells[6].textContent = duration(p.uptimeSeconds);
  row.classList.toggle('selected', p.name === history.program);
}

async function act(action, name) {
  showError('');
  try {
    if (action === 'start') await call('POST', '/v1/processes', { name });
    else await call('POST', `/v1/processes/${encodeURIComponent(name)}/${action}`);
  } catch (e) { showError(e.message); }
}

function onSnapshot(snapshot) {
  const seen = new Set();
  for (const p of snapshot.processes) { rows.set(keyOf(p), p); seen.add(keyOf(p)); }
  for (const key of [...rows.keys()]) if (!seen.has(key)) rows.delete(key);
  renderTable();
  if (history.program) {
    const instances = snapshot.processes.filter((p) => p.name === history.program);
    if (instances.length) {
      push(instances.reduce((s, p) => s + (p.cpuPercent ?? 0), 0), instances.reduce((s, p) => s + (p.memoryBytes ?? 0), 0));
    }
  }
}

function onEvent(event) {
  // The event names NAME-INDEX; the row shows the new state at once, the next snapshot brings CPU and memory.
  const row = rows.get(event.process);
  if (row) {
    rows.set(event.process, { ...row, status: event.status, pid: event.pid, uptimeSeconds: event.status === 'running' ? 0 : row.uptimeSeconds });
    renderTable();
  }
  const item = document.createElement('li');
  item.textContent = `${new Date(event.timestamp).toLocaleTimeString()}  ${event.process}  ${event.previous ?? '?'} → ${event.status}`
    + `${event.pid ? '  pid ' + event.pid : ''}${event.detail ? '  (' + event.detail + ')' : ''}`;
  $('events').prepend(item);
  while ($('events').children.length > MAX_EVENTS) $('events').lastChild.remove();
}

function push(cpu, memory) {
  history.cpu.push(cpu);
  history.memory.push(memory);
  if (history.cpu.length > MAX_POINTS) { history.cpu.shift(); history.memory.shift(); }
  drawCharts();
}

function drawCharts() {
  drawLine($('cpu-chart'), history.cpu);
  drawLine($('memory-chart'), history.memory);
  $('cpu-now').textContent = percent(history.cpu.at(-1) ?? 0);
  $('memory-now').textContent = bytes(history.memory.at(-1) ?? 0);
}

async function select(program) {
  history.program = program;
  $('charts').hidden = false;
  $('chart-program').textContent = program;
  renderTable();
  try {
    const h = await call('GET', `/v1/metrics/history/${encodeURIComponent(program)}`);
    if (history.program !== program || !h) return;
    history.cpu = h.points.map((p) => p.cpuPercent).slice(-MAX_POINTS);
    history.memory = h.points.map((p) => p.memoryBytes).slice(-MAX_POINTS);
    drawCharts();
  } catch (e) { showError(e.message); }
}

function renderTree(node) {
  const li = document.createElement('li');
  li.textContent = node.name;
  if (node.type) {
    const type = document.createElement('span');
    type.className = 'type';
    type.textContent = node.type;
    li.append(type);
  }
  if (node.children.length) {
    const ul = document.createElement('ul');
    ul.append(...node.children.map(renderTree));
    li.append(ul);
  }
  return li;
}

async function loadTree() {
  try {
    const root = await call('GET', '/v1/actors?depth=8');
    const ul = document.createElement('ul');
    ul.append(renderTree(root));
    $('tree').replaceChildren(ul);
  } catch (e) { showError(e.message); }
}

function follow() {
  const program = $('log-program').value;
  if (!program) return;
  logSocket?.close();
  $('log').replaceChildren();
  logSocket = new WebSocket(wsUrl(`/v1/logs/${encodeURIComponent(program)}/follow?lines=100`));
  logSocket.onmessage = (m) => {
    const line = JSON.parse(m.data);
    const span = document.createElement('span');
    span.className = line.stream;
    span.textContent = `${line.instance} ${line.text}\n`;
    const log = $('log');
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    log.append(span);
    while (log.childNodes.length > MAX_LOG_LINES) log.firstChild.remove();
    if (atBottom) log.scrollTop = log.scrollHeight;
  };
}

function show(view) {
  for (const b of document.querySelectorAll('nav button')) b.classList.toggle('active', b.dataset.view === view);
  for (const s of document.querySelectorAll('.view')) s.classList.toggle('active', s.id === `view-${view}`);
  if (view === 'tree') loadTree();
}

async function main() {
  const session = await (await fetch('/dashboard/api/session', { credentials: 'same-origin' })).json();
  if (!session.csrf) { location.replace('/dashboard/login'); return; }
  csrf = session.csrf;
  csrfHeader = session.csrfHeader;
  for (const b of document.querySelectorAll('nav button')) b.addEventListener('click', () => show(b.dataset.view));
  for (const th of document.querySelectorAll('th[data-sort]')) {
    th.addEventListener('click', () => {
      sort = { by: th.dataset.sort, desc: sort.by === th.dataset.sort ? !sort.desc : false };
      renderTable();
    });
  }
  $('tree-refresh').addEventListener('click', loadTree);
  $('log-follow').addEventListener('click', follow);
  $('logout').addEventListener('click', async () => { await call('POST', '/dashboard/logout'); location.replace('/dashboard/login'); });
  live('/v1/metrics/live', onSnapshot, (up) => {
    $('connection').textContent = up ? 'live' : 'reconnecting…';
    $('connection').classList.toggle('live', up);
  });
  live('/v1/events', onEvent);
}

main().catch((e) => showError(e.message));
