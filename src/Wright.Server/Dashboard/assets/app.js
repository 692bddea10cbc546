'use strict';
// Wright's dashboard. Everything the model or a tool wrote is put in the page as text (textContent, never innerHTML),
// so an answer carrying <script> or <img onerror> is shown, not run; the server's CSP forbids inline scripts too.
const $ = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
};
const main = document.getElementById('main');
let stream = null;

// Every label comes from the server (/assets/text.json, in its interface language: WRIGHT_LANG, the locale, the config);
// {0}, {1}… are filled with the arguments.
let text = {};
const t = (key, ...args) => String(text[key] ?? key).replace(/\{(\d+)\}/g, (m, i) => String(args[Number(i)] ?? m));
const statusText = status => text['status.' + status] ?? status;
const badge = (status, attrs = {}) => $('span', { class: 'badge', 'data-status': status, ...attrs }, statusText(status));

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const r = await fetch(path, init);
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  if (!r.ok) throw new Error((data && (data.detail || data.title)) || r.statusText);
  return data;
}

function show(...nodes) { main.replaceChildren(...nodes); }
function fail(e) { main.prepend($('p', { class: 'error', role: 'alert' }, e.message || String(e))); }

// Markdown, small and safe: fenced code, headings, lists, **bold**, `code` — built as DOM nodes from text.
function markdown(text) {
  const root = $('div', { class: 'md' });
  const parts = String(text).split(/```[^\n]*\n?/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) { root.append($('pre', {}, $('code', {}, part))); return; }
    for (const line of part.split('\n')) {
      const h = /^(#{1,6})\s+(.*)$/.exec(line);
      if (h) { root.append($('h' + Math.min(6, h[1].length + 2), {}, inline(h[2]))); continue; }
      const li = /^\s*[-*]\s+(.*)$/.exec(line);
      if (li) { root.append($('div', { class: 'li' }, '• ', inline(li[1]))); continue; }
      if (line.trim()) root.append($('div', {}, inline(line)));
    }
  });
  return root;
}
function inline(s) {
  const out = [];
  const re = /(\*\*[^*]+\*\*|`[^`]+`)/g;
  let last = 0, m;
  while ((m = re.exec(s))) {
    if (m.index > last) out.push(s.slice(last, m.index));
    out.push(m[0][0] === '*' ? $('strong', {}, m[0].slice(2, -2)) : $('code', {}, m[0].slice(1, -1)));
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

let boardTimer = null;
let view = 0; // which route is shown: a page that another route replaced meanwhile draws nothing
async function board() {
  const shown = view;
  const tasks = await api('GET', '/api/tasks');
  if (shown !== view) return;
  // The board follows the queue: it looks again every few seconds while it is shown.
  boardTimer = setTimeout(() => board().catch(fail), 3000);
  const columns = [['queued', t('columnQueued')], ['running', t('columnRunning')], ['waiting_approval', t('columnNeedsYou')], ['succeeded', t('columnDone')], ['failed', t('columnFailed')], ['cancelled', t('columnCancelled')]];
  show($('div', { class: 'board', id: 'board' }, columns.map(([status, title]) =>
    $('section', { class: 'column', 'data-status': status }, $('h2', {}, title),
      tasks.filter(x => x.status === status).map(x => $('a', { class: 'card task-card', href: '#/task/' + encodeURIComponent(x.id), 'data-id': x.id },
        $('div', {}, x.prompt.length > 140 ? x.prompt.slice(0, 140) + '…' : x.prompt),
        $('div', { class: 'stats' }, x.repo.split('/').pop(), ' · ', t('attemptCount', x.attempts.length))))))));
}

function createForm() {
  const form = $('form', { id: 'create' },
    $('h1', {}, t('newTask')),
    $('label', { for: 'prompt' }, t('promptLabel')), $('textarea', { id: 'prompt', name: 'prompt', rows: 5, required: '' }),
    $('label', { for: 'repo' }, t('repoLabel')), $('input', { id: 'repo', name: 'repo', type: 'text', required: '' }),
    $('label', { for: 'model' }, t('modelLabel')), $('input', { id: 'model', name: 'model', type: 'text' }),
    $('label', { for: 'mode' }, t('modeLabel')),
    $('select', { id: 'mode', name: 'mode' }, ['auto', 'ask', 'accept-edits', 'plan', 'yolo'].map(m => $('option', { value: m }, m))),
    $('label', { for: 'attempts' }, t('attemptsLabel')), $('input', { id: 'attempts', name: 'attempts', type: 'number', min: 1, max: 8, value: 1 }),
    $('label', { for: 'base' }, t('baseLabel')), $('input', { id: 'base', name: 'base', type: 'text' }),
    $('div', {}, $('button', { type: 'submit', id: 'submit' }, t('create'))));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = new FormData(form);
    const body = { prompt: f.get('prompt'), repo: f.get('repo'), mode: f.get('mode'), attempts: Number(f.get('attempts') || 1) };
    if (f.get('model')) body.model = f.get('model');
    if (f.get('base')) body.base = f.get('base');
    try { const t = await api('POST', '/api/tasks', body); location.hash = '#/task/' + encodeURIComponent(t.id); } catch (e) { fail(e); }
  });
  show(form);
}

async function taskPage(id) {
  const shown = view;
  let task = await api('GET', '/api/tasks/' + encodeURIComponent(id));
  if (shown !== view) return;
  let selected = 1;
  const transcripts = new Map();
  const header = $('div', { id: 'task-header' });
  const approvals = $('div', { id: 'approvals' });
  const tabs = $('div', { class: 'tabs', role: 'tablist' });
  const body = $('div', { id: 'attempt' });
  const followForm = $('form', { id: 'follow-up' }, $('input', { type: 'text', name: 'message', id: 'follow-message', placeholder: t('followUpPlaceholder'), 'aria-label': t('followUpLabel') }),
    $('button', { type: 'submit' }, t('send')));
  followForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const message = followForm.elements.message.value;
    try { await api('POST', `/api/tasks/${encodeURIComponent(id)}/follow-up`, { message, attempt: selected }); followForm.reset(); await refresh(); } catch (e) { fail(e); }
  });

  function transcriptOf(n) {
    if (!transcripts.has(n)) transcripts.set(n, { node: $('div', { class: 'transcript', 'data-attempt': n }), text: null, reasoning: null, answered: false });
    return transcripts.get(n);
  }

  function render() {
    const a = task.attempts.find(x => x.number === selected) || task.attempts[0];
    const tokens = task.attempts.reduce((s, x) => s + x.input_tokens + x.output_tokens, 0);
    const cost = task.attempts.reduce((s, x) => s + (x.cost_usd || 0), 0);
    header.replaceChildren($('h1', {}, task.prompt.split('\n')[0]),
      $('p', { class: 'stats' }, badge(task.status, { id: 'task-status' }), ' ', task.repo, ' @ ', task.base, ' · ', task.mode,
        ' · ', t('tokens', tokens), ' · $', cost.toFixed(4), ' · ', (task.attempts.reduce((s, x) => s + x.duration_ms, 0) / 1000).toFixed(1), ' s'),
      $('div', {}, $('button', { id: 'cancel', onclick: () => api('POST', `/api/tasks/${encodeURIComponent(id)}/cancel`).then(refresh, fail) }, t('cancel')),
        $('button', { id: 'retry', onclick: () => api('POST', `/api/tasks/${encodeURIComponent(id)}/retry`).then(refresh, fail) }, t('retry')),
        $('button', { id: 'delete', onclick: () => confirm(t('confirmDelete')) && api('DELETE', `/api/tasks/${encodeURIComponent(id)}`).then(() => { location.hash = '#/'; }, fail) }, t('delete'))));
    approvals.replaceChildren(...task.approvals.map(p => {
      const feedback = $('input', { type: 'text', placeholder: t('declinePlaceholder'), 'aria-label': t('declineLabel') });
      const answer = decision => api('POST', `/api/tasks/${encodeURIComponent(id)}/attempts/${p.attempt}/approvals/${encodeURIComponent(p.call_id)}`,
        { decision, feedback: feedback.value || undefined, session_id: p.session_id || undefined }).then(refresh, fail);
      return $('div', { class: 'approval', 'data-call': p.call_id }, $('strong', {}, t(p.session_id ? 'subagentAsks' : 'asks', p.attempt, p.tool)),
        $('pre', {}, p.action), $('div', { class: 'stats' }, p.reason),
        $('button', { class: 'approve-yes', onclick: () => answer('yes') }, t('yes')), p.can_remember ? $('button', { class: 'approve-always', onclick: () => answer('always') }, t('always')) : null,
        feedback, $('button', { class: 'approve-no', onclick: () => answer('no') }, t('no')));
    }));
    tabs.replaceChildren(...task.attempts.map(x => $('button', { role: 'tab', 'aria-selected': String(x.number === selected), class: 'attempt-tab',
      onclick: () => { selected = x.number; render(); } }, `#${x.number} `, badge(x.status), x.error ? ' ' + x.error : '')));
    const diffBox = $('div', { class: 'diff', id: 'diff' });
    const apply = $('form', { id: 'apply' }, $('input', { type: 'text', name: 'into', placeholder: t('intoPlaceholder', task.base), 'aria-label': t('intoLabel') }),
      $('select', { name: 'method', 'aria-label': t('methodLabel') }, ['merge', 'patch', 'push'].map(m => $('option', { value: m }, m))), $('button', { type: 'submit', id: 'apply-button' }, t('apply')),
      $('span', { id: 'apply-result' }));
    apply.addEventListener('submit', async ev => {
      ev.preventDefault();
      const out = apply.querySelector('#apply-result');
      try {
        const r = await api('POST', `/api/tasks/${encodeURIComponent(id)}/attempts/${selected}/apply`, { method: apply.elements.method.value, into: apply.elements.into.value || undefined });
        out.replaceChildren(r.message, r.patch ? $('pre', {}, r.patch) : '');
      } catch (e) { out.replaceChildren($('span', { class: 'error' }, e.message)); }
    });
    body.replaceChildren(transcriptOf(a.number).node, a.result && !transcriptOf(a.number).answered ? markdown(a.result) : '', compare(),
      $('h2', {}, t('changes')), $('div', {}, $('button', { id: 'show-diff', onclick: () => loadDiff(a.number, diffBox, false) }, t('unifiedDiff')),
        $('button', { id: 'show-split', onclick: () => loadDiff(a.number, diffBox, true) }, t('sideBySide'))), diffBox, apply);
    if (a.base_commit && task.status !== 'running') loadDiff(a.number, diffBox, false);
  }

  async function loadDiff(n, box, split) {
    try {
      const d = await api('GET', `/api/tasks/${encodeURIComponent(id)}/attempts/${n}/diff`);
      const files = $('ul', { class: 'files' }, d.files.map(f => $('li', {}, f.path, ' ', $('span', { class: 'stats' }, `+${f.added ?? '?'} −${f.removed ?? '?'}`))));
      const lines = d.diff.split('\n');
      const view = split ? sideBySide(lines) : $('pre', {}, lines.map(l => $('div', { class: l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : '' }, l || ' ')));
      box.replaceChildren(files, view);
    } catch (e) { box.replaceChildren($('span', { class: 'error' }, e.message)); }
  }
  // Side by side: removed lines on the left, added on the right, paired row by row within each change; file and hunk
  // headers span both columns.
  function sideBySide(lines) {
    const rows = [];
    let dels = [], adds = [];
    const flush = () => {
      for (let i = 0; i < Math.max(dels.length, adds.length); i++)
        rows.push($('tr', {}, $('td', { class: i < dels.length ? 'del' : 'empty' }, dels[i] ?? ''), $('td', { class: i < adds.length ? 'add' : 'empty' }, adds[i] ?? '')));
      dels = []; adds = [];
    };
    let header = true;
    for (const l of lines) {
      if (l.startsWith('diff --git')) header = true;
      if (l.startsWith('@@')) { flush(); header = false; rows.push($('tr', { class: 'hunk' }, $('td', { colspan: 2 }, l))); continue; }
      if (header) { if (l) rows.push($('tr', { class: 'file' }, $('td', { colspan: 2 }, l))); continue; }
      if (l.startsWith('-')) dels.push(l.slice(1));
      else if (l.startsWith('+')) adds.push(l.slice(1));
      else { flush(); rows.push($('tr', {}, $('td', {}, l.slice(1)), $('td', {}, l.slice(1)))); }
    }
    flush();
    return $('table', { class: 'split' }, rows);
  }

  // Best-of-N: the attempts side by side — status, files and lines changed, tokens, cost, time.
  const stats = new Map();
  function compare() {
    if (task.attempts.length < 2) return '';
    const table = $('table', { class: 'compare', id: 'compare' },
      $('tr', {}, ['headAttempt', 'headStatus', 'headFiles', 'headLines', 'headTokens', 'headCost', 'headTime'].map(h => $('th', {}, t(h)))),
      task.attempts.map(x => {
        const d = stats.get(x.number);
        return $('tr', { 'data-attempt': x.number, class: x.number === selected ? 'selected' : '' },
          $('td', {}, $('button', { class: 'link', onclick: () => { selected = x.number; render(); } }, `#${x.number}`)), $('td', { 'data-status': x.status }, statusText(x.status)),
          $('td', {}, d ? d.files.map(f => f.path).join(', ') || '—' : ''), $('td', {}, d ? `+${d.files.reduce((s, f) => s + (f.added ?? 0), 0)} −${d.files.reduce((s, f) => s + (f.removed ?? 0), 0)}` : ''),
          $('td', {}, x.input_tokens + x.output_tokens), $('td', {}, x.cost_usd == null ? '—' : '$' + x.cost_usd.toFixed(4)), $('td', {}, (x.duration_ms / 1000).toFixed(1) + ' s'));
      }));
    for (const x of task.attempts) {
      if (!stats.has(x.number) && x.base_commit && ['succeeded', 'failed', 'cancelled'].includes(x.status)) {
        stats.set(x.number, null);
        api('GET', `/api/tasks/${encodeURIComponent(id)}/attempts/${x.number}/diff`).then(d => { stats.set(x.number, d); render(); }, () => stats.delete(x.number));
      }
    }
    return $('div', {}, $('h2', {}, t('compareAttempts')), $('div', { class: 'diff' }, table));
  }

  function onEvent(ev) {
    const e = JSON.parse(ev.data);
    const tr = transcriptOf(e.attempt || 1);
    switch (e.type) {
      case 'text_delta':
        if (!tr.text) { tr.text = { raw: '', node: $('div', { class: 'msg assistant' }) }; tr.node.append(tr.text.node); }
        tr.answered = true;
        tr.text.raw += e.text; tr.text.node.replaceChildren(markdown(tr.text.raw)); break;
      case 'reasoning_delta':
        if (!tr.reasoning) { tr.reasoning = $('pre', {}); tr.node.append($('details', { class: 'reasoning' }, $('summary', {}, t('reasoning')), tr.reasoning)); }
        tr.reasoning.append(e.text); break;
      case 'tool_call_requested':
        tr.text = null; tr.reasoning = null;
        tr.node.append($('details', { class: 'tool', 'data-call': e.call_id }, $('summary', {}, '⚙ ', e.name), $('pre', {}, e.arguments))); break;
      case 'tool_call_finished': {
        const d = [...tr.node.querySelectorAll('details.tool')].find(x => x.dataset.call === e.call_id);
        (d || tr.node).append($('pre', { class: 'tool-output' }, `[${e.status}] `, e.result ?? '')); break;
      }
      case 'approval_requested':
        tr.node.append($('div', { class: 'stats approval-note' }, t('approvalNote', e.request.tool, e.request.action)));
        awaitListed(e.request.call_id); break;
      case 'approval_resolved':
        tr.node.append($('div', { class: 'stats approval-note' }, e.allowed ? t(e.remember ? 'allowedAlways' : 'allowed') : e.reason ? t('declinedBecause', e.reason) : t('declined')));
        refreshSoon(); break;
      case 'attempt_status': case 'run_finished':
        if (e.type === 'attempt_status' && e.status) tr.node.append($('div', { class: 'stats' }, t('attemptStatus', e.attempt, statusText(e.status)) + (e.error ? ' — ' + e.error : '')));
        if (e.type === 'run_finished') { tr.text = null; tr.reasoning = null; }
        refreshSoon(); break;
      case 'setup':
        setup(tr, e); break;
      case 'error':
        tr.node.append($('div', { class: 'error' }, e.message)); break;
    }
  }

  // The repository's trusted .wright/setup.sh, run before the agent's first turn: the command, its output line by
  // line as it arrives, its exit status (a failure marked and announced); a skipped script says why.
  function setup(tr, e) {
    if (e.phase === 'skipped') {
      tr.node.append($('div', { class: 'setup setup-skipped stats' }, t('setupSkipped', e.text ?? '')));
      return;
    }
    if (e.phase === 'started' || !tr.setup) {
      const status = $('span', { class: 'setup-status badge' }, t('setupRunning'));
      const output = $('pre', { class: 'setup-output' });
      const box = $('details', { class: 'setup', open: '', 'data-state': 'running' },
        $('summary', {}, t('setupTitle', e.phase === 'started' ? e.text : '.wright/setup.sh'), ' ', status), output);
      tr.setup = { box, status, output };
      tr.node.append(box);
    }
    const s = tr.setup;
    if (e.phase === 'output') s.output.append((s.output.childNodes.length ? '\n' : '') + (e.text ?? ''));
    if (e.phase === 'finished') {
      const ok = e.exit_code === 0;
      s.box.dataset.state = ok ? 'succeeded' : 'failed';
      s.status.replaceChildren(ok ? t('setupSucceeded') : e.exit_code === -1 ? t('setupStopped') : t('setupFailed', e.exit_code));
      if (!ok) {
        s.status.setAttribute('role', 'alert');
        if (e.text) s.output.append($('div', { class: 'error' }, e.text));
      }
      tr.setup = null;
    }
  }

  async function refresh() {
    try {
      const fresh = await api('GET', '/api/tasks/' + encodeURIComponent(id));
      if (shown !== view) return;
      task = fresh; render();
    } catch (e) { if (shown === view) fail(e); }
  }
  // Many events at once (a replay, a busy run) make one request.
  let pending = null;
  function refreshSoon() {
    if (!pending) pending = setTimeout(() => { pending = null; refresh(); }, 100);
  }
  // An approval request is listed by the time its event is sent; should it not be (yet), look again for a while.
  async function awaitListed(call) {
    for (let i = 0; i < 20; i++) {
      await refresh();
      if (task.approvals.some(p => p.call_id === call) || !['running', 'waiting_approval'].includes(task.status)) return;
      await new Promise(r => setTimeout(r, 250));
    }
  }

  show(header, approvals, tabs, body, followForm);
  render();
  stream = new EventSource(`/api/tasks/${encodeURIComponent(id)}/events`);
  stream.onmessage = onEvent;
}

function route() {
  if (stream) { stream.close(); stream = null; }
  if (boardTimer) { clearTimeout(boardTimer); boardTimer = null; }
  view++;
  const hash = location.hash || '#/';
  const m = /^#\/task\/(.+)$/.exec(hash);
  (m ? taskPage(decodeURIComponent(m[1])) : hash === '#/new' ? Promise.resolve(createForm()) : board()).catch(fail);
}
window.addEventListener('hashchange', route);
api('GET', '/assets/text.json').then(table => {
  text = table;
  document.documentElement.lang = table.lang;
  document.getElementById('new-task').textContent = t('newTask');
}, fail).finally(route);
