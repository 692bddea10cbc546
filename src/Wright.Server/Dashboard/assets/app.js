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
  const columns = [['queued', 'Queued'], ['running', 'Running'], ['waiting_approval', 'Needs you'], ['succeeded', 'Done'], ['failed', 'Failed'], ['cancelled', 'Cancelled']];
  show($('div', { class: 'board', id: 'board' }, columns.map(([status, title]) =>
    $('section', { class: 'column', 'data-status': status }, $('h2', {}, title),
      tasks.filter(t => t.status === status).map(t => $('a', { class: 'card task-card', href: '#/task/' + encodeURIComponent(t.id), 'data-id': t.id },
        $('div', {}, t.prompt.length > 140 ? t.prompt.slice(0, 140) + '…' : t.prompt),
        $('div', { class: 'stats' }, t.repo.split('/').pop(), ' · ', t.attempts.length, ' attempt(s)')))))));
}

function createForm() {
  const form = $('form', { id: 'create' },
    $('h1', {}, 'New task'),
    $('label', { for: 'prompt' }, 'Prompt'), $('textarea', { id: 'prompt', name: 'prompt', rows: 5, required: '' }),
    $('label', { for: 'repo' }, 'Repository (path under an allowed root, or git URL)'), $('input', { id: 'repo', name: 'repo', type: 'text', required: '' }),
    $('label', { for: 'model' }, 'Model (provider/model, empty: configured)'), $('input', { id: 'model', name: 'model', type: 'text' }),
    $('label', { for: 'mode' }, 'Permission mode'),
    $('select', { id: 'mode', name: 'mode' }, ['auto', 'ask', 'accept-edits', 'plan', 'yolo'].map(m => $('option', { value: m }, m))),
    $('label', { for: 'attempts' }, 'Attempts'), $('input', { id: 'attempts', name: 'attempts', type: 'number', min: 1, max: 8, value: 1 }),
    $('label', { for: 'base' }, 'Base branch (empty: checked-out branch)'), $('input', { id: 'base', name: 'base', type: 'text' }),
    $('div', {}, $('button', { type: 'submit', id: 'submit' }, 'Create')));
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
  const followForm = $('form', { id: 'follow-up' }, $('input', { type: 'text', name: 'message', id: 'follow-message', placeholder: 'Follow up…', 'aria-label': 'Follow-up message' }),
    $('button', { type: 'submit' }, 'Send'));
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
      $('p', { class: 'stats' }, $('span', { class: 'badge', id: 'task-status' }, task.status), ' ', task.repo, ' @ ', task.base, ' · ', task.mode,
        ' · ', tokens, ' tokens · $', cost.toFixed(4), ' · ', (task.attempts.reduce((s, x) => s + x.duration_ms, 0) / 1000).toFixed(1), ' s'),
      $('div', {}, $('button', { id: 'cancel', onclick: () => api('POST', `/api/tasks/${encodeURIComponent(id)}/cancel`).then(refresh, fail) }, 'Cancel'),
        $('button', { id: 'retry', onclick: () => api('POST', `/api/tasks/${encodeURIComponent(id)}/retry`).then(refresh, fail) }, 'Retry'),
        $('button', { id: 'delete', onclick: () => confirm('Delete this task, its worktrees and branches?') && api('DELETE', `/api/tasks/${encodeURIComponent(id)}`).then(() => { location.hash = '#/'; }, fail) }, 'Delete')));
    approvals.replaceChildren(...task.approvals.map(p => {
      const feedback = $('input', { type: 'text', placeholder: 'No — what to do instead', 'aria-label': 'What to do instead' });
      const answer = decision => api('POST', `/api/tasks/${encodeURIComponent(id)}/attempts/${p.attempt}/approvals/${encodeURIComponent(p.call_id)}`,
        { decision, feedback: feedback.value || undefined, session_id: p.session_id || undefined }).then(refresh, fail);
      return $('div', { class: 'approval', 'data-call': p.call_id }, $('strong', {}, `Attempt ${p.attempt}${p.session_id ? ' (subagent)' : ''} asks: ${p.tool}`),
        $('pre', {}, p.action), $('div', { class: 'stats' }, p.reason),
        $('button', { class: 'approve-yes', onclick: () => answer('yes') }, 'Yes'), p.can_remember ? $('button', { class: 'approve-always', onclick: () => answer('always') }, 'Always') : null,
        feedback, $('button', { class: 'approve-no', onclick: () => answer('no') }, 'No'));
    }));
    tabs.replaceChildren(...task.attempts.map(x => $('button', { role: 'tab', 'aria-selected': String(x.number === selected), class: 'attempt-tab',
      onclick: () => { selected = x.number; render(); } }, `#${x.number} `, $('span', { class: 'badge' }, x.status), x.error ? ' ' + x.error : '')));
    const diffBox = $('div', { class: 'diff', id: 'diff' });
    const apply = $('form', { id: 'apply' }, $('input', { type: 'text', name: 'into', placeholder: 'into branch (default: ' + task.base + ')', 'aria-label': 'Into branch' }),
      $('select', { name: 'method', 'aria-label': 'Apply method' }, ['merge', 'patch', 'push'].map(m => $('option', { value: m }, m))), $('button', { type: 'submit', id: 'apply-button' }, 'Apply'),
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
      $('h2', {}, 'Changes'), $('div', {}, $('button', { id: 'show-diff', onclick: () => loadDiff(a.number, diffBox, false) }, 'Unified diff'),
        $('button', { id: 'show-split', onclick: () => loadDiff(a.number, diffBox, true) }, 'Side by side')), diffBox, apply);
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
      $('tr', {}, ['Attempt', 'Status', 'Files', 'Lines', 'Tokens', 'Cost', 'Time'].map(h => $('th', {}, h))),
      task.attempts.map(x => {
        const d = stats.get(x.number);
        return $('tr', { 'data-attempt': x.number, class: x.number === selected ? 'selected' : '' },
          $('td', {}, $('button', { class: 'link', onclick: () => { selected = x.number; render(); } }, `#${x.number}`)), $('td', {}, x.status),
          $('td', {}, d ? d.files.map(f => f.path).join(', ') || '—' : ''), $('td', {}, d ? `+${d.files.reduce((s, f) => s + (f.added ?? 0), 0)} −${d.files.reduce((s, f) => s + (f.removed ?? 0), 0)}` : ''),
          $('td', {}, x.input_tokens + x.output_tokens), $('td', {}, x.cost_usd == null ? '—' : '$' + x.cost_usd.toFixed(4)), $('td', {}, (x.duration_ms / 1000).toFixed(1) + ' s'));
      }));
    for (const x of task.attempts) {
      if (!stats.has(x.number) && x.base_commit && ['succeeded', 'failed', 'cancelled'].includes(x.status)) {
        stats.set(x.number, null);
        api('GET', `/api/tasks/${encodeURIComponent(id)}/attempts/${x.number}/diff`).then(d => { stats.set(x.number, d); render(); }, () => stats.delete(x.number));
      }
    }
    return $('div', {}, $('h2', {}, 'Compare attempts'), $('div', { class: 'diff' }, table));
  }

  function onEvent(ev) {
    const e = JSON.parse(ev.data);
    const t = transcriptOf(e.attempt || 1);
    switch (e.type) {
      case 'text_delta':
        if (!t.text) { t.text = { raw: '', node: $('div', { class: 'msg assistant' }) }; t.node.append(t.text.node); }
        t.answered = true;
        t.text.raw += e.text; t.text.node.replaceChildren(markdown(t.text.raw)); break;
      case 'reasoning_delta':
        if (!t.reasoning) { t.reasoning = $('pre', {}); t.node.append($('details', { class: 'reasoning' }, $('summary', {}, 'Reasoning'), t.reasoning)); }
        t.reasoning.append(e.text); break;
      case 'tool_call_requested':
        t.text = null; t.reasoning = null;
        t.node.append($('details', { class: 'tool', 'data-call': e.call_id }, $('summary', {}, '⚙ ', e.name), $('pre', {}, e.arguments))); break;
      case 'tool_call_finished': {
        const d = [...t.node.querySelectorAll('details.tool')].find(x => x.dataset.call === e.call_id);
        (d || t.node).append($('pre', { class: 'tool-output' }, `[${e.status}] `, e.result ?? '')); break;
      }
      case 'approval_requested':
        t.node.append($('div', { class: 'stats approval-note' }, `asks: ${e.request.tool} — ${e.request.action}`));
        awaitListed(e.request.call_id); break;
      case 'approval_resolved':
        t.node.append($('div', { class: 'stats approval-note' }, e.allowed ? (e.remember ? 'allowed (always)' : 'allowed') : `declined${e.reason ? ': ' + e.reason : ''}`));
        refreshSoon(); break;
      case 'attempt_status': case 'run_finished':
        if (e.type === 'attempt_status' && e.status) t.node.append($('div', { class: 'stats' }, `attempt ${e.attempt}: ${e.status}${e.error ? ' — ' + e.error : ''}`));
        if (e.type === 'run_finished') { t.text = null; t.reasoning = null; }
        refreshSoon(); break;
      case 'error':
        t.node.append($('div', { class: 'error' }, e.message)); break;
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
route();
