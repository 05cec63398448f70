// Turnstile web console: polls /api/status every second and steers through the same API.
// Plain browser JavaScript, no build step, no library. Text from the target (agent names come from
// the application's threads or headers) is only ever set as textContent, never as HTML.
(function () {
  'use strict';

  const POLL_MILLIS = 1000;
  const CHART_MILLIS = 5 * 60 * 1000;
  const TOKEN_KEY = 'turnstile-console-token';
  const $ = (id) => document.getElementById(id);

  const rows = new Map();        // provider id -> row state
  const history = new Map();     // provider id -> [[t, inFlight, queued, effectiveLimit], ...]
  let lastSample = 0;
  let polling = false;

  // ------------------------------------------------------------------ token

  // The token arrives in the URL fragment (never sent to any server), is kept for this tab only,
  // and is taken out of the address bar at once.
  function takeTokenFromFragment() {
    const match = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      window.history.replaceState(null, '', location.pathname + location.search);
    }
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  }

  function showTokenState() {
    const has = token() !== '';
    $('token-form').hidden = has;
    $('token-state').textContent = has ? 'changes allowed (token set for this tab)' : 'read only until you give the token';
  }

  // ------------------------------------------------------------------ messages

  function say(text, kind) {
    const message = $('message');
    message.textContent = text;
    message.className = kind || '';
  }

  // ------------------------------------------------------------------ API

  async function read(path) {
    const response = await fetch(path, {cache: 'no-store', credentials: 'same-origin'});
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.error || ('HTTP ' + response.status));
    }
    return body;
  }

  // Every change: JSON body and the token header. Returns the answer, or null after saying why not.
  async function change(method, path, body) {
    let response;
    try {
      response = await fetch(path, {
        method: method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: {'Content-Type': 'application/json', 'X-Turnstile-Token': token()},
        body: JSON.stringify(body || {})
      });
    } catch (e) {
      say('refused: the console is unreachable (' + e.message + ')', 'error');
      return null;
    }
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      say('refused: ' + (answer.error || ('HTTP ' + response.status)), 'error');
      if (response.status === 401) {
        $('token-form').hidden = false;
      }
      return null;
    }
    poll();
    return answer;
  }

  // ------------------------------------------------------------------ formatting

  function limitText(limit) {
    return limit === 0 ? '∞' : String(limit);
  }

  function millis(ms) {
    if (ms === null || ms === undefined || isNaN(ms)) {
      return '-';
    }
    if (ms < 10) {
      return ms.toFixed(1) + 'ms';
    }
    if (ms < 1000) {
      return Math.round(ms) + 'ms';
    }
    if (ms < 60000) {
      return (ms / 1000).toFixed(1) + 's';
    }
    const s = Math.floor(ms / 1000);
    if (s < 3600) {
      return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
    }
    return Math.floor(s / 3600) + 'h' + String(Math.floor((s % 3600) / 60)).padStart(2, '0') + 'm';
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function button(text, className, onClick) {
    const node = el('button', className, text);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  }

  // ------------------------------------------------------------------ provider rows

  function createRow(id) {
    const tr = el('tr');
    tr.dataset.provider = id;
    const cells = {};
    const add = (name, node) => {
      const td = el('td', name);
      if (node) {
        td.appendChild(node);
      }
      tr.appendChild(td);
      cells[name] = td;
      return td;
    };

    const idCell = add('id');
    idCell.appendChild(el('strong', null, id));
    cells.hosts = idCell.appendChild(el('span', 'hosts'));

    const limit = el('input', 'limit');
    limit.type = 'number';
    limit.min = '0';
    limit.step = '1';
    limit.title = 'max concurrent calls; 0 = unlimited. Enter or leave the field to apply.';
    limit.setAttribute('aria-label', 'limit of ' + id);
    limit.addEventListener('input', () => limit.classList.add('dirty'));
    limit.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        limit.classList.remove('dirty');
        limit.value = rows.get(id).limit;
        limit.blur();
      }
    });
    limit.addEventListener('change', () => setLimit(id, limit));
    add('limit', limit);

    add('effective');
    const meter = el('div', 'meter');
    cells.fill = meter.appendChild(el('div', 'fill'));
    cells.count = meter.appendChild(el('span', 'count'));
    add('in-flight', meter);
    add('queued');
    add('paused-cell');
    add('rate-limited');
    add('reclaimed');
    add('completed');
    add('wait-p50');
    add('wait-p99');
    const canvas = el('canvas', 'chart');
    canvas.width = 220;
    canvas.height = 40;
    add('chart', canvas);

    const actions = add('actions');
    const duration = el('input', 'duration');
    duration.value = '30s';
    duration.title = 'pause for: 250ms, 30s, 10m, 1h';
    duration.setAttribute('aria-label', 'pause duration for ' + id);
    actions.appendChild(duration);
    actions.appendChild(button('Pause', 'pause', () =>
      change('POST', '/api/providers/' + encodeURIComponent(id) + '/pause', {duration: duration.value})
        .then((ok) => ok && say(id + ' paused for ' + duration.value, 'done'))));
    actions.appendChild(button('Resume', 'resume', () =>
      change('POST', '/api/providers/' + encodeURIComponent(id) + '/resume', {})
        .then((ok) => ok && say(id + ' resumed', 'done'))));
    const remove = button('Remove', 'remove danger', () => {
      if (!remove.classList.contains('confirm')) {
        remove.classList.add('confirm');
        remove.textContent = 'Really remove?';
        setTimeout(() => {
          remove.classList.remove('confirm');
          remove.textContent = 'Remove';
        }, 4000);
        return;
      }
      change('DELETE', '/api/providers/' + encodeURIComponent(id), {})
        .then((ok) => ok && say('provider ' + id + ' removed', 'done'));
    });
    actions.appendChild(remove);

    const row = {tr: tr, cells: cells, limitInput: limit, canvas: canvas, pauseEndsAt: 0, limit: 0};
    rows.set(id, row);
    return row;
  }

  async function setLimit(id, input) {
    const text = input.value.trim();
    if (!/^\d+$/.test(text)) {
      say('refused: the limit of ' + id + ' must be a whole number ≥ 0 (0 = unlimited)', 'error');
      return;
    }
    const limits = {};
    limits[id] = parseInt(text, 10);
    const answer = await change('POST', '/api/limits', {providers: limits});
    input.classList.remove('dirty');
    if (answer) {
      input.classList.add('saved');
      setTimeout(() => input.classList.remove('saved'), 1500);
      say(id + ': limit set to ' + limitText(answer.providers[id]), 'done');
    } else {
      input.value = rows.get(id).limit;
    }
  }

  function renderProvider(row, p) {
    const c = row.cells;
    row.limit = p.limit;
    c.hosts.textContent = p.hosts;
    if (document.activeElement !== row.limitInput && !row.limitInput.classList.contains('dirty')) {
      row.limitInput.value = p.limit;
    }
    c.effective.textContent = limitText(p.effectiveLimit);
    const fraction = p.effectiveLimit > 0 ? Math.min(1, p.inFlight / p.effectiveLimit) : (p.inFlight > 0 ? 1 : 0);
    c.fill.style.width = (fraction * 100).toFixed(1) + '%';
    c.count.textContent = p.inFlight + ' / ' + limitText(p.effectiveLimit);
    c['in-flight'].dataset.value = p.inFlight;
    c.queued.textContent = p.queued;
    c.queued.classList.toggle('on', p.queued > 0);
    row.pauseEndsAt = p.paused ? Date.now() + p.pauseRemainingMillis : 0;
    row.tr.classList.toggle('paused', p.paused);
    c['rate-limited'].textContent = p.rateLimited;
    c.reclaimed.textContent = p.reclaimed;
    c.completed.textContent = p.completed;
    c['wait-p50'].textContent = p.started > 0 ? millis(p.waitP50Millis) : '-';
    c['wait-p99'].textContent = p.started > 0 ? millis(p.waitP99Millis) : '-';
    tickPause(row);
  }

  function tickPause(row) {
    const cell = row.cells['paused-cell'];
    const left = row.pauseEndsAt - Date.now();
    const on = row.pauseEndsAt > 0;
    cell.classList.toggle('on', on);
    cell.textContent = on ? 'paused, ' + millis(Math.max(0, left)) + ' left' : 'no';
  }

  // ------------------------------------------------------------------ charts

  function remember(status) {
    if (status.takenAtMillis <= lastSample) {
      return;
    }
    lastSample = status.takenAtMillis;
    for (const p of status.providers) {
      record(p.id, [status.takenAtMillis, p.inFlight, p.queued, p.effectiveLimit]);
    }
  }

  function record(id, point) {
    let points = history.get(id);
    if (!points) {
      points = [];
      history.set(id, points);
    }
    if (points.length && points[points.length - 1][0] >= point[0]) {
      return;
    }
    points.push(point);
    const oldest = point[0] - CHART_MILLIS;
    while (points.length && points[0][0] < oldest) {
      points.shift();
    }
  }

  function draw(row, id, now) {
    const canvas = row.canvas;
    const g = canvas.getContext('2d');
    const w = canvas.width;
    const h = canvas.height;
    g.clearRect(0, 0, w, h);
    const points = history.get(id) || [];
    if (!points.length) {
      return;
    }
    let top = 1;
    for (const p of points) {
      top = Math.max(top, p[1], p[2], p[3]);
    }
    // The last 5 minutes; while there is less history, the last minute, so that a new page shows a line at once.
    const span = Math.min(CHART_MILLIS, Math.max(60000, now - points[0][0]));
    const x = (t) => w - ((now - t) / span) * w;
    const y = (v) => h - 2 - (v / top) * (h - 4);
    const line = (index, colour, dashed) => {
      g.beginPath();
      g.strokeStyle = colour;
      g.lineWidth = 1.5;
      g.setLineDash(dashed ? [3, 3] : []);
      points.forEach((p, i) => {
        const value = p[index];
        if (i === 0) {
          g.moveTo(x(p[0]), y(value));
        } else {
          g.lineTo(x(p[0]), y(value));
        }
      });
      g.stroke();
    };
    if (points.some((p) => p[3] > 0)) {
      line(3, '#98a2b3', true);
    }
    line(2, '#e8871e', false);
    line(1, '#2f6fdb', false);
  }

  // ------------------------------------------------------------------ agents

  function renderAgents(agents) {
    const body = document.querySelector('#agents tbody');
    const sorted = agents.slice().sort((a, b) => b.turnAgeMillis - a.turnAgeMillis);
    const fresh = document.createDocumentFragment();
    for (const a of sorted) {
      const tr = el('tr');
      tr.dataset.agent = a.agent;
      tr.appendChild(el('td', 'agent', a.agent));
      tr.appendChild(el('td', 'provider', a.provider));
      tr.appendChild(el('td', 'turn-age', millis(a.turnAgeMillis)));
      tr.appendChild(el('td', 'turn-calls', String(a.turnCalls)));
      tr.appendChild(el('td', 'in-flight', String(a.inFlight)));
      tr.appendChild(el('td', 'queued', String(a.queued)));
      fresh.appendChild(tr);
    }
    body.replaceChildren(fresh);
    $('no-agents').hidden = sorted.length > 0;
  }

  // ------------------------------------------------------------------ the loop

  function render(status) {
    $('target').textContent = status.target;
    $('summary').textContent = (status.enabled ? 'enabled' : 'DISABLED: calls go ungated') +
      ' · global limit ' + limitText(status.globalLimit) +
      ' · ' + status.globalInFlight + ' in flight · ' + status.globalQueued + ' queued';
    const global = $('global-limit');
    if (document.activeElement !== global) {
      global.value = status.globalLimit;
    }
    const body = document.querySelector('#providers tbody');
    const seen = new Set();
    status.providers.forEach((p, index) => {
      seen.add(p.id);
      const row = rows.get(p.id) || createRow(p.id);
      if (body.children[index] !== row.tr) {
        body.insertBefore(row.tr, body.children[index] || null);
      }
      renderProvider(row, p);
    });
    for (const [id, row] of rows) {
      if (!seen.has(id)) {
        row.tr.remove();
        rows.delete(id);
        history.delete(id);
      }
    }
    remember(status);
    const now = Date.now();
    for (const [id, row] of rows) {
      draw(row, id, now);
    }
    renderAgents(status.agents);
  }

  async function poll() {
    if (polling) {
      return;
    }
    polling = true;
    try {
      render(await read('/api/status'));
      const state = $('connection');
      state.textContent = 'live';
      state.className = 'state ok';
    } catch (e) {
      const state = $('connection');
      state.textContent = 'disconnected: ' + e.message;
      state.className = 'state down';
    } finally {
      polling = false;
    }
  }

  async function loadHistory() {
    try {
      const answer = await read('/api/history');
      for (const sample of answer.samples) {
        for (const id of Object.keys(sample.providers)) {
          const v = sample.providers[id];
          record(id, [sample.t, v[0], v[1], v[2]]);
        }
      }
    } catch (e) {
      // The charts start empty; the live loop fills them.
    }
  }

  // ------------------------------------------------------------------ forms

  $('global-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('global-limit').value.trim();
    if (!/^\d+$/.test(text)) {
      say('refused: the global limit must be a whole number ≥ 0 (0 = none)', 'error');
      return;
    }
    change('POST', '/api/limits', {global: parseInt(text, 10)})
      .then((answer) => answer && say('global limit set to ' + limitText(answer.global), 'done'));
  });

  $('add-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = $('add-id').value.trim();
    const hosts = $('add-hosts').value.trim();
    const limit = $('add-limit').value.trim();
    if (!/^\d+$/.test(limit)) {
      say('refused: the limit must be a whole number ≥ 0 (0 = unlimited)', 'error');
      return;
    }
    change('POST', '/api/providers', {id: id, hosts: hosts, limit: parseInt(limit, 10)})
      .then((answer) => {
        if (answer) {
          say('provider ' + id + ' added', 'done');
          $('add-id').value = '';
          $('add-hosts').value = '';
        }
      });
  });

  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = $('token-input').value.trim();
    if (value) {
      sessionStorage.setItem(TOKEN_KEY, value);
      $('token-input').value = '';
      say('token set for this tab', 'done');
    }
    showTokenState();
  });

  takeTokenFromFragment();
  showTokenState();
  window.addEventListener('hashchange', () => {
    takeTokenFromFragment();
    showTokenState();
  });
  loadHistory().then(poll);
  setInterval(poll, POLL_MILLIS);
  setInterval(() => rows.forEach(tickPause), 200);
})();
