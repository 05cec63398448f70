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
  const charts = new Map();      // provider id -> chart card
  const history = new Map();     // provider id -> [[t, inFlight, queued, effectiveLimit, rateLimited, paused], ...]
  let lastSample = 0;
  let polling = false;
  let globalLimit = null;

  // ------------------------------------------------------------------ token and read-only mode

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

  // Without a token every control is disabled, so the page looks as read-only as it is; only the
  // token form stays usable.
  function showTokenState() {
    const writable = token() !== '';
    document.body.classList.toggle('read-only', !writable);
    $('read-only').hidden = writable;
    $('token-state').textContent = writable ? 'changes allowed (token set for this tab)' : '';
    allowChanges(document.querySelector('main'), writable);
    allowChanges($('global-form'), writable);
  }

  function allowChanges(root, writable) {
    root.querySelectorAll('input, button').forEach((control) => {
      control.disabled = !writable;
    });
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
        sessionStorage.removeItem(TOKEN_KEY);
        showTokenState();
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

  // ------------------------------------------------------------------ editing a limit

  // A limit field that polls never overwrite while it is being edited: focus selects the whole
  // number (typing replaces it instead of appending to it), Escape cancels, and a value the
  // console refuses snaps back to the real one, marked, with the reason in the message line.
  // apply(n) answers the value now in force, or null when refused.
  function editableLimit(input, apply) {
    const field = {real: null, busy: false};
    const editing = () => document.activeElement === input || input.classList.contains('dirty') || field.busy;
    let selectOnMouseUp = false;

    field.show = (value) => {
      field.real = value;
      if (!editing()) {
        input.value = value;
      }
    };
    // Back to the real value; still in the field, the value is selected again, so the next digit
    // typed replaces it rather than being appended to it.
    field.snapBack = () => {
      input.classList.remove('dirty');
      input.value = field.real;
      if (document.activeElement === input) {
        input.select();
      }
    };
    field.commit = async () => {
      const text = input.value.trim();
      if (field.busy || text === String(field.real)) {
        field.snapBack();
        return;
      }
      if (!/^\d+$/.test(text)) {
        say('refused: ' + input.getAttribute('aria-label') + ' must be a whole number ≥ 0 (0 = none); it stays '
          + field.real, 'error');
        refused();
        return;
      }
      field.busy = true;
      try {
        const now = await apply(parseInt(text, 10));
        if (now === null) {
          $('message').textContent += ' (' + input.getAttribute('aria-label') + ' stays ' + field.real + ')';
          refused();
        } else {
          field.real = now;
          field.snapBack();
          flash('saved');
        }
      } finally {
        field.busy = false;
      }
    };

    function refused() {
      field.snapBack();
      flash('refused');
    }

    function flash(kind) {
      input.classList.remove('saved', 'refused');
      input.classList.add(kind);
      setTimeout(() => input.classList.remove(kind), kind === 'refused' ? 4000 : 1500);
    }

    input.addEventListener('focus', () => {
      input.select();
      selectOnMouseUp = true;
    });
    input.addEventListener('mouseup', (e) => {
      if (selectOnMouseUp) {
        e.preventDefault(); // keep the selection focus made: the first digit typed replaces the number
        selectOnMouseUp = false;
      }
    });
    input.addEventListener('input', () => input.classList.add('dirty'));
    input.addEventListener('keydown', (e) => {
      selectOnMouseUp = false;
      if (e.key === 'Escape') {
        field.snapBack();
        input.blur();
      }
    });
    input.addEventListener('blur', () => {
      if (!input.classList.contains('dirty') && !field.busy) {
        input.value = field.real;
      }
    });
    return field;
  }

  // A whole-number input in cell, edited as editableLimit says; Enter or leaving it applies.
  function numberField(cell, className, label, title, apply) {
    const input = el('input', className);
    input.type = 'number';
    input.min = '0';
    input.step = '1';
    input.title = title;
    input.setAttribute('aria-label', label);
    cell.appendChild(input);
    const field = editableLimit(input, apply);
    input.addEventListener('change', field.commit);
    return field;
  }

  // One provider setting through POST /api/providers/{id}/{action}; answers the value now in force
  // (read from the provider the API answers), or null when refused.
  async function applyProvider(id, action, body, name, valueOf, describe) {
    const answer = await change('POST', '/api/providers/' + encodeURIComponent(id) + '/' + action, body);
    if (!answer) {
      return null;
    }
    say(id + ': ' + describe(answer), 'done');
    return valueOf(answer);
  }

  function offText(value) {
    return value === 0 ? 'off' : String(value);
  }

  // ------------------------------------------------------------------ provider rows

  function createRow(id) {
    const tr = el('tr');
    tr.dataset.provider = id;
    const cells = {};
    const add = (name) => {
      const td = el('td', name);
      tr.appendChild(td);
      cells[name] = td;
      return td;
    };

    const idCell = add('id');
    idCell.appendChild(el('strong', null, id));
    cells.hosts = idCell.appendChild(el('span', 'hosts'));

    const limitCell = add('limit');
    const field = numberField(limitCell, 'limit', 'the limit of ' + id,
      'max concurrent calls; 0 = unlimited. Enter or leaving the field applies, Escape cancels.', async (value) => {
        const providers = {};
        providers[id] = value;
        const answer = await change('POST', '/api/limits', {providers: providers});
        if (!answer) {
          return null;
        }
        say(id + ': limit set to ' + limitText(answer.providers[id]), 'done');
        return answer.providers[id];
      });
    cells.inForce = limitCell.appendChild(el('span', 'in-force'));

    const meter = el('div', 'meter');
    cells.fill = meter.appendChild(el('div', 'fill'));
    cells.count = meter.appendChild(el('span', 'count'));
    add('in-flight').appendChild(meter);
    add('queued');
    const pausedCell = add('paused-cell');
    cells.pauseState = pausedCell.appendChild(el('span', 'pause-state'));
    cells.pauseReason = pausedCell.appendChild(el('span', 'pause-reason'));
    const budgets = {};
    const budgetCell = add('budget');
    for (const kind of ['rpm', 'tpm']) {
      const line = budgetCell.appendChild(el('div', 'budget-line ' + kind));
      line.appendChild(el('span', 'unit', kind));
      const what = kind === 'rpm' ? 'calls' : 'tokens';
      budgets[kind] = {
        field: numberField(line, 'budget-input', 'the ' + kind + ' budget of ' + id,
          what + ' per minute; 0 = off. Enter or leaving the field applies, Escape cancels.',
          (value) => applyProvider(id, 'budget', {[kind]: value}, kind, (p) => p[kind],
            (p) => kind + ' budget ' + offText(p[kind]))),
        left: line.appendChild(el('span', 'left'))
      };
    }
    cells.budgetHold = budgetCell.appendChild(el('span', 'hold'));

    const breakerCell = add('breaker');
    const breaker = numberField(breakerCell, 'breaker-input', 'the breaker threshold of ' + id,
      'overload failures in a row that pause the queue until a probe is answered; 0 = off. '
      + 'Enter or leaving the field applies, Escape cancels.',
      (value) => applyProvider(id, 'breaker', {failures: value}, 'failures', (p) => p.breaker.failures,
        (p) => 'overload breaker ' + (p.breaker.failures === 0 ? 'off' : p.breaker.failures + ' failures')));
    cells.breakerState = breakerCell.appendChild(el('span', 'breaker-state'));

    add('rate-limited');
    add('reclaimed');
    add('completed');
    const wait = add('wait');
    cells.waitP50 = wait.appendChild(el('span', 'wait-p50'));
    wait.appendChild(document.createTextNode(' / '));
    cells.waitP99 = wait.appendChild(el('span', 'wait-p99'));

    const actions = add('actions').appendChild(el('div', 'controls'));
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
        remove.textContent = 'Really?';
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

    const row = {tr: tr, cells: cells, limitField: field, budgets: budgets, breakerField: breaker, pauseEndsAt: 0};
    rows.set(id, row);
    allowChanges(tr, token() !== '');
    return row;
  }

  function renderProvider(row, p) {
    const c = row.cells;
    c.hosts.textContent = p.hosts.split(',').join('\n'); // one host a line
    row.limitField.show(p.limit);
    const lowered = p.effectiveLimit !== p.limit;
    c.inForce.textContent = lowered ? 'in force ' + limitText(p.effectiveLimit) : '';
    c.inForce.title = lowered ? 'lowered after 429s; climbs back after a quiet period' : '';
    const fraction = p.effectiveLimit > 0 ? Math.min(1, p.inFlight / p.effectiveLimit) : (p.inFlight > 0 ? 1 : 0);
    c.fill.style.width = (fraction * 100).toFixed(1) + '%';
    c.count.textContent = p.inFlight + ' / ' + limitText(p.effectiveLimit);
    c['in-flight'].dataset.value = p.inFlight;
    c.queued.textContent = p.queued;
    c.queued.classList.toggle('on', p.queued > 0);
    row.pauseEndsAt = p.paused ? Date.now() + p.pauseRemainingMillis : 0;
    row.pauseReason = p.paused ? (p.pauseReason || '') : '';
    row.tr.classList.toggle('paused', p.paused);
    c['rate-limited'].textContent = p.rateLimited;
    c.reclaimed.textContent = p.reclaimed;
    c.completed.textContent = p.completed;
    c.waitP50.textContent = p.started > 0 ? millis(p.waitP50Millis) : '-';
    c.waitP99.textContent = p.started > 0 ? millis(p.waitP99Millis) : '-';
    renderBudget(row, p);
    renderBreaker(row, p.breaker);
    tickPause(row);
  }

  // Off budgets stay quiet (muted); a budget on shows what is left of this minute, and why it
  // holds the queue when it does.
  function renderBudget(row, p) {
    const on = p.rpm > 0 || p.tpm > 0;
    row.cells.budget.classList.toggle('off', !on);
    for (const kind of ['rpm', 'tpm']) {
      const budget = row.budgets[kind];
      budget.field.show(p[kind]);
      const remaining = p[kind + 'Remaining'];
      budget.left.textContent = p[kind] > 0 ? remaining + ' left' : (on ? 'off' : '');
      budget.left.classList.toggle('spent', p[kind] > 0 && remaining === 0);
    }
    row.cells.budgetHold.textContent = on ? p.budgetHold || '' : 'off';
  }

  function renderBreaker(row, breaker) {
    const on = breaker.failures > 0;
    row.breakerField.show(breaker.failures);
    row.cells.breaker.classList.toggle('off', !on);
    row.cells.breaker.classList.toggle('open', on && breaker.state !== 'closed');
    row.cells.breakerState.textContent = on
      ? breaker.state + ', ' + breaker.consecutiveFailures + ' of ' + breaker.failures + ' failures'
        + (breaker.opened > 0 ? ', opened ' + breaker.opened + '×' : '')
      : 'off';
  }

  function pauseText(row) {
    return row.pauseEndsAt > 0 ? 'paused, ' + millis(Math.max(0, row.pauseEndsAt - Date.now())) + ' left' : '';
  }

  function tickPause(row) {
    const on = row.pauseEndsAt > 0;
    row.cells['paused-cell'].classList.toggle('on', on);
    row.cells.pauseState.textContent = on ? pauseText(row) : 'no';
    row.cells.pauseReason.textContent = row.pauseReason;
  }

  // ------------------------------------------------------------------ charts

  function remember(status) {
    if (status.takenAtMillis <= lastSample) {
      return;
    }
    lastSample = status.takenAtMillis;
    for (const p of status.providers) {
      record(p.id, [status.takenAtMillis, p.inFlight, p.queued, p.effectiveLimit, p.rateLimited, p.paused ? 1 : 0]);
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

  // Worth a chart: a limit set, or anything happening in the window (calls, queue, pause, 429s).
  function active(points, limit) {
    if (limit > 0) {
      return true;
    }
    return points.some((p, i) => p[1] > 0 || p[2] > 0 || p[5] > 0 || (i > 0 && p[4] !== points[i - 1][4]));
  }

  function createChart(id) {
    const card = el('figure', 'chart-card');
    card.dataset.provider = id;
    const caption = el('figcaption');
    caption.appendChild(el('strong', null, id));
    const now = caption.appendChild(el('span', 'now'));
    const pause = caption.appendChild(el('span', 'pause'));
    card.appendChild(caption);
    const canvas = card.appendChild(el('canvas', 'chart'));
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', 'in flight, queued and limit of ' + id + ' over the last minutes');
    card.appendChild(window.TurnstileChart.legend());
    const chart = {card: card, canvas: canvas, now: now, pause: pause};
    charts.set(id, chart);
    return chart;
  }

  // The last 5 minutes; while there is less history, at least the last minute, so that a new page shows a line at once.
  function drawChart(chart, points, now) {
    const span = Math.min(CHART_MILLIS, Math.max(60000, points.length ? now - points[0][0] : 0));
    window.TurnstileChart.draw(chart.canvas, points, now, span);
  }

  function renderCharts(status, now) {
    const container = $('charts');
    const quiet = [];
    let index = 0;
    for (const p of status.providers) {
      const points = history.get(p.id) || [];
      const row = rows.get(p.id);
      if (!active(points, p.limit)) {
        quiet.push(p.id);
        const idle = charts.get(p.id);
        if (idle) {
          idle.card.remove();
          charts.delete(p.id);
        }
        continue;
      }
      const chart = charts.get(p.id) || createChart(p.id);
      if (container.children[index] !== chart.card) {
        container.insertBefore(chart.card, container.children[index] || null);
      }
      index++;
      chart.now.textContent = p.inFlight + ' in flight · ' + p.queued + ' queued · limit '
        + limitText(p.effectiveLimit) + (p.effectiveLimit !== p.limit ? ' (of ' + limitText(p.limit) + ')' : '');
      chart.pause.textContent = p.paused ? pauseText(row) + ': ' + (p.pauseReason || 'reason unknown') : '';
      drawChart(chart, points, now);
    }
    for (const [id, chart] of charts) {
      if (!status.providers.some((p) => p.id === id)) {
        chart.card.remove();
        charts.delete(id);
      }
    }
    $('not-charted').textContent = quiet.length
      ? 'No calls, no limit and no pause in the last 5 minutes: ' + quiet.join(', ') + '.' : '';
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
    globalLimit.show(status.globalLimit);
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
    renderCharts(status, Date.now());
    renderAgents(status.agents);
    document.body.dataset.updated = String(status.takenAtMillis); // lets a reader (or a test) see each poll land
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
          record(id, [sample.t].concat(sample.providers[id]));
        }
      }
    } catch (e) {
      // The charts start empty; the live loop fills them.
    }
  }

  // ------------------------------------------------------------------ forms

  globalLimit = editableLimit($('global-limit'), async (value) => {
    const answer = await change('POST', '/api/limits', {global: value});
    if (!answer) {
      return null;
    }
    say('global limit set to ' + limitText(answer.global), 'done');
    return answer.global;
  });
  $('global-limit').setAttribute('aria-label', 'the global limit');
  $('global-form').addEventListener('submit', (e) => {
    e.preventDefault();
    globalLimit.commit();
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
  window.addEventListener('resize', () => {
    const now = Date.now();
    for (const [id, chart] of charts) {
      drawChart(chart, history.get(id) || [], now);
    }
  });
  loadHistory().then(poll);
  setInterval(poll, POLL_MILLIS);
  setInterval(() => rows.forEach(tickPause), 200);
})();
