// Wormhole console: subscribe to bindings over the gateway's own WebSocket protocol
// (docs/protocol.md) and watch the events arrive. Plain browser JavaScript, no build
// step, nothing loaded from elsewhere. Everything shown comes from the network and is
// written with textContent, never as HTML.
(function () {
  'use strict';

  var MAX_ROWS = 500;     // event rows kept in the table; older ones are removed
  var MAX_LOG = 200;      // lines kept in the log
  var MAX_BATCH = 100;    // requests' bindings per subscribe (the gateway's default limit)

  function $(id) { return document.getElementById(id); }

  var ui = {
    status: $('status'), broker: $('broker'),
    token: $('token'), tokenInfo: $('token-info'),
    accountChoice: $('account-choice'), account: $('account'),
    binding: $('binding'), templates: $('templates'), quick: $('quick'),
    subscribe: $('subscribe'), unsubscribe: $('unsubscribe'), unsubscribeAll: $('unsubscribe-all'),
    subscriptions: $('subscriptions'), log: $('log'),
    rate: $('rate'), total: $('total'), dropped: $('dropped'),
    filter: $('filter'), pause: $('pause'), clear: $('clear'),
    notice: $('notice'), table: $('events'), empty: $('empty')
  };

  var state = {
    ws: null,
    retry: 0,
    nextRequest: 1,
    pending: {},        // request_id -> {action, bindings, account}
    wanted: [],         // [{binding, account}] held by this page, re-subscribed after a reconnect
    queue: [],          // events received and not yet drawn (at most MAX_ROWS)
    flushScheduled: false,
    paused: false,
    hiddenWhilePaused: 0,
    total: 0,
    thisSecond: 0,
    lastRate: 0,
    dropped: 0,
    demo: null,
    tokenProblem: false,
    noticeTimer: null
  };

  // ---- the WebSocket -------------------------------------------------------------

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    setPill(ui.status, 'connecting', 'pill-warn');
    var ws;
    try {
      ws = new WebSocket(scheme + '//' + location.host + '/');
    } catch (e) {
      log('cannot open a WebSocket: ' + e.message, 'bad');
      return;
    }
    state.ws = ws;
    ws.onopen = function () {
      state.retry = 0;
      setPill(ui.status, 'connected', 'pill-ok');
      setPill(ui.broker, 'broker: up', 'pill-ok');
      log('connected to ' + location.host, 'ok');
      resubscribe();
    };
    ws.onmessage = function (m) { onMessage(m.data); };
    ws.onclose = function (e) {
      state.ws = null;
      state.pending = {};
      setPill(ui.status, 'disconnected', 'pill-bad');
      var wait = Math.min(10000, 500 * Math.pow(2, state.retry++)) * (0.75 + Math.random() / 2);
      log('socket closed (' + e.code + (e.reason ? ' ' + e.reason : '') + '); retrying in '
        + Math.round(wait / 1000) + ' s', 'warn');
      setTimeout(connect, wait);
    };
  }

  function send(action, data, meta) {
    if (!state.ws || state.ws.readyState !== WebSocket.OPEN) {
      log('not connected yet; try again in a moment', 'warn');
      return false;
    }
    var token = ui.token.value.trim();
    if (!token && action !== 'ping') {
      showTokenProblem('paste a token first');
      return false;
    }
    var id = 'console-' + (state.nextRequest++);
    var request = { action: action, request_id: id, data: data };
    if (token) {
      request.auth_token = token;
    }
    state.pending[id] = meta || { action: action };
    state.ws.send(JSON.stringify(request));
    return true;
  }

  function onMessage(text) {
    var msg;
    try {
      msg = JSON.parse(text);
    } catch (e) {
      log('not JSON from the gateway: ' + String(text).slice(0, 120), 'bad');
      return;
    }
    if (msg.action === 'event') {
      onEvent(msg);
    } else if (msg.action === 'reply') {
      onReply(msg);
    } else if (msg.action === 'notice') {
      onNotice(msg);
    }
  }

  // ---- requests and replies -----------------------------------------------------

  function subscribe(bindings, account, quiet) {
    // a chip fills the binding field as it subscribes, so Subscribe is often pressed for
    // the same binding next: what is held or already asked for is not asked for again
    if (!quiet && bindings.length === 1 && (held(bindings[0], account) || asked(bindings[0], account))) {
      log('already subscribed to ' + bindings[0] + (account ? ' in ' + shortId(account) : ''));
      return;
    }
    var data = bindings.length === 1 ? { binding: bindings[0] } : { bindings: bindings };
    if (account) {
      data.account_id = account;
    }
    if (send('subscribe', data, { action: 'subscribe', bindings: bindings, account: account, quiet: quiet })) {
      if (!quiet) {
        log('subscribe ' + bindings.join(', ') + (account ? ' in ' + shortId(account) : ''));
      }
    }
  }

  function unsubscribe(bindings, account) {
    var data = {};
    if (bindings && bindings.length) {
      data.bindings = bindings;
    }
    if (account) {
      data.account_id = account;
    }
    if (send('unsubscribe', data, { action: 'unsubscribe', bindings: bindings || null, account: account })) {
      log(bindings && bindings.length ? 'unsubscribe ' + bindings.join(', ') : 'unsubscribe all');
    }
  }

  function resubscribe() {
    var byAccount = {};
    state.wanted.forEach(function (w) {
      (byAccount[w.account] = byAccount[w.account] || []).push(w.binding);
    });
    Object.keys(byAccount).forEach(function (account) {
      var list = byAccount[account];
      for (var i = 0; i < list.length; i += MAX_BATCH) {
        subscribe(list.slice(i, i + MAX_BATCH), account, true);
      }
    });
    if (state.wanted.length) {
      log('subscribed again to ' + state.wanted.length + ' binding(s) after reconnecting');
    }
  }

  function onReply(msg) {
    var meta = state.pending[msg.request_id] || { action: 'unknown' };
    delete state.pending[msg.request_id];
    var data = msg.data || {};
    if (msg.status !== 'success') {
      var errors = Array.isArray(data.errors) ? data.errors.join('; ') : '';
      log(meta.action + ' failed: ' + (data.code || 'error') + (errors ? ': ' + errors : ''), 'bad');
      if (data.code === 'token_invalid' || data.code === 'auth_required') {
        showTokenProblem(errors || data.code);
      }
      return;
    }
    if (meta.action === 'subscribe') {
      meta.bindings.forEach(function (b) { remember(b, meta.account); });
      if (!meta.quiet) {
        log('subscribed: ' + (data.subscribed || []).join(', '), 'ok');
      }
    } else if (meta.action === 'unsubscribe') {
      if (meta.bindings) {
        state.wanted = state.wanted.filter(function (w) {
          return !(meta.bindings.indexOf(w.binding) >= 0 && w.account === meta.account);
        });
      } else {
        state.wanted = [];
      }
      log('unsubscribed: ' + ((data.unsubscribed || []).join(', ') || 'nothing'), 'ok');
    }
    if (Array.isArray(data.subscriptions)) {
      drawSubscriptions(data.subscriptions);
    }
  }

  function held(binding, account) {
    return state.wanted.some(function (w) { return w.binding === binding && w.account === account; });
  }

  function asked(binding, account) {
    return Object.keys(state.pending).some(function (id) {
      var p = state.pending[id];
      return p.action === 'subscribe' && p.account === account && p.bindings.indexOf(binding) >= 0;
    });
  }

  function remember(binding, account) {
    if (!held(binding, account)) {
      state.wanted.push({ binding: binding, account: account });
    }
  }

  function drawSubscriptions(list) {
    clear(ui.subscriptions);
    if (!list.length) {
      var none = document.createElement('li');
      none.className = 'empty';
      none.textContent = 'none yet';
      ui.subscriptions.appendChild(none);
      return;
    }
    list.forEach(function (binding) {
      var li = document.createElement('li');
      var label = document.createElement('span');
      label.textContent = binding;
      var x = document.createElement('button');
      x.type = 'button';
      x.textContent = '\u00d7';
      x.title = 'unsubscribe ' + binding;
      x.addEventListener('click', function () {
        var accounts = state.wanted.filter(function (w) { return w.binding === binding; })
          .map(function (w) { return w.account; });
        if (!accounts.length) {
          accounts = [ui.account.value.trim()];
        }
        accounts.forEach(function (a) { unsubscribe([binding], a); });
      });
      li.appendChild(label);
      li.appendChild(x);
      ui.subscriptions.appendChild(li);
    });
  }

  // ---- notices ------------------------------------------------------------------

  function onNotice(msg) {
    if (msg.type === 'dropped') {
      var n = (msg.data && msg.data.count) || 0;
      state.dropped += n;
      ui.dropped.textContent = String(state.dropped);
      var text = 'The gateway dropped ' + n + ' event(s) for this page: it was reading too slowly.';
      log(text, 'warn');
      marker(text, false);
      showNotice(text, false, 8000);
    } else if (msg.type === 'broker_down') {
      setPill(ui.broker, 'broker: down', 'pill-bad');
      var down = 'The gateway lost its broker: no events until it is back. Subscriptions are kept.';
      log(down, 'bad');
      marker(down, true);
      showNotice(down, true, 0);
    } else if (msg.type === 'broker_up') {
      setPill(ui.broker, 'broker: up', 'pill-ok');
      var up = 'The broker is back; every subscription is in place again.';
      log(up, 'ok');
      marker(up, false);
      showNotice(up, false, 5000);
    } else {
      log('notice ' + msg.type, 'warn');
    }
  }

  function showNotice(text, bad, hideAfterMs) {
    ui.notice.textContent = text;
    ui.notice.className = 'notice' + (bad ? ' bad' : '');
    ui.notice.hidden = false;
    clearTimeout(state.noticeTimer);
    if (hideAfterMs) {
      state.noticeTimer = setTimeout(function () { ui.notice.hidden = true; }, hideAfterMs);
    }
  }

  // ---- the event table ----------------------------------------------------------

  function onEvent(msg) {
    state.total++;
    state.thisSecond++;
    if (state.paused) {
      state.hiddenWhilePaused++;
      return;
    }
    state.queue.push({ at: new Date(), msg: msg });
    if (state.queue.length > MAX_ROWS) {
      state.queue.splice(0, state.queue.length - MAX_ROWS);
    }
    scheduleFlush();
  }

  function scheduleFlush() {
    if (state.flushScheduled) {
      return;
    }
    state.flushScheduled = true;
    var done = false;
    var run = function () {
      if (!done) {
        done = true;
        state.flushScheduled = false;
        flush();
      }
    };
    if (window.requestAnimationFrame) {
      window.requestAnimationFrame(run);
    }
    setTimeout(run, 100); // background tabs get no animation frames
  }

  function flush() {
    var batch = state.queue;
    state.queue = [];
    if (!batch.length) {
      return;
    }
    var fresh = batch.length <= 5 && state.lastRate < 10; // a highlight helps at a trickle, flickers at a flood
    var filter = ui.filter.value.trim().toLowerCase();
    var fragment = document.createDocumentFragment();
    for (var i = batch.length - 1; i >= 0; i--) {
      fragment.appendChild(eventRow(batch[i], fresh, filter));
    }
    insertTop(fragment);
    ui.total.textContent = String(state.total);
  }

  function insertTop(node) {
    var first = ui.table.tBodies.length ? ui.table.tBodies[0] : null;
    ui.table.insertBefore(node, first);
    while (ui.table.tBodies.length > MAX_ROWS) {
      ui.table.removeChild(ui.table.tBodies[ui.table.tBodies.length - 1]);
    }
    ui.empty.hidden = ui.table.tBodies.length > 0;
  }

  function eventRow(item, fresh, filter) {
    var msg = item.msg;
    var body = document.createElement('tbody');
    body.className = 'event' + (fresh ? ' fresh' : '');
    body.eventMessage = msg;
    var tr = document.createElement('tr');
    tr.className = 'summary';
    cell(tr, 'time', clock(item.at));
    cell(tr, 'sub', msg.subscribed_key || '');
    cell(tr, 'key', msg.routing_key || '');
    cell(tr, 'name', msg.name || '');
    var detail = subtype(msg.data);
    if (detail) {
      var small = document.createElement('span');
      small.className = 'subtype';
      small.textContent = ' ' + detail;
      tr.lastChild.appendChild(small);
      tr.lastChild.title = (msg.name || '') + ' ' + detail;
    }
    body.appendChild(tr);
    body.searchText = ((msg.subscribed_key || '') + ' ' + (msg.routing_key || '') + ' ' + (msg.name || '')
      + ' ' + detail).toLowerCase();
    if (filter && body.searchText.indexOf(filter) < 0) {
      body.hidden = true;
    }
    return body;
  }

  /** What a generic event name leaves out: a conference's event, a fax's state. */
  function subtype(data) {
    if (!data || typeof data !== 'object') {
      return '';
    }
    var v = typeof data.event === 'string' ? data.event
      : typeof data.fax_state === 'string' ? data.fax_state
      : typeof data.Event === 'string' ? data.Event
      : typeof data['Fax-State'] === 'string' ? data['Fax-State'] : '';
    return v;
  }

  function cell(tr, cls, text) {
    var td = document.createElement('td');
    td.className = cls;
    td.textContent = text;
    td.title = text;
    tr.appendChild(td);
  }

  function marker(text, bad) {
    var body = document.createElement('tbody');
    body.className = 'marker' + (bad ? ' bad' : '');
    var tr = document.createElement('tr');
    var td = document.createElement('td');
    td.colSpan = 4;
    td.textContent = clock(new Date()) + '  ' + text;
    tr.appendChild(td);
    body.appendChild(tr);
    flush();
    insertTop(body);
  }

  function toggleDetail(body) {
    var open = body.querySelector('tr.detail');
    if (open) {
      body.removeChild(open);
      body.classList.remove('open');
      return;
    }
    var msg = body.eventMessage;
    var tr = document.createElement('tr');
    tr.className = 'detail';
    var td = document.createElement('td');
    td.colSpan = 4;
    var meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = 'subscription_key: ' + (msg.subscription_key || '') + '   routing_key: '
      + (msg.routing_key || '');
    var pre = document.createElement('pre');
    highlight(pre, JSON.stringify(msg.data, null, 2));
    td.appendChild(meta);
    td.appendChild(pre);
    tr.appendChild(td);
    body.appendChild(tr);
    body.classList.add('open');
  }

  var TOKEN = /("(?:\\u[0-9a-fA-F]{4}|\\[^u]|[^\\"])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

  /** Pretty JSON as text nodes and spans (keys, strings, numbers, literals). */
  function highlight(pre, json) {
    if (json === undefined) {
      pre.textContent = '(no data)';
      return;
    }
    var last = 0;
    var m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(json)) !== null) {
      if (m.index > last) {
        pre.appendChild(document.createTextNode(json.slice(last, m.index)));
      }
      var span = document.createElement('span');
      span.className = m[1] ? (m[2] ? 'k' : 's') : m[3] ? 'b' : 'n';
      span.textContent = m[1] ? m[1] : m[0];
      pre.appendChild(span);
      if (m[1] && m[2]) {
        pre.appendChild(document.createTextNode(m[2]));
      }
      last = TOKEN.lastIndex;
    }
    if (last < json.length) {
      pre.appendChild(document.createTextNode(json.slice(last)));
    }
  }

  function applyFilter() {
    var filter = ui.filter.value.trim().toLowerCase();
    var bodies = ui.table.tBodies;
    for (var i = 0; i < bodies.length; i++) {
      if (bodies[i].searchText !== undefined) {
        bodies[i].hidden = !!filter && bodies[i].searchText.indexOf(filter) < 0;
      }
    }
  }

  // ---- token, account, templates ------------------------------------------------

  function describeToken() {
    var token = ui.token.value.trim();
    ui.tokenInfo.className = 'hint';
    if (!token) {
      ui.tokenInfo.textContent = '';
      ui.account.placeholder = '32 hex characters, or *';
      return;
    }
    var claims = decodeClaims(token);
    if (!claims) {
      ui.tokenInfo.className = 'hint bad';
      ui.tokenInfo.textContent = 'this does not look like a JWT (three base64url parts)';
      return;
    }
    var parts = [];
    if (claims.account_id) {
      parts.push('account ' + claims.account_id);
      ui.account.placeholder = claims.account_id + ' (the token\'s)';
    }
    if (claims.exp) {
      var left = claims.exp * 1000 - Date.now();
      parts.push(left > 0 ? 'expires in ' + duration(left) : 'expired ' + duration(-left) + ' ago');
      if (left <= 0) {
        ui.tokenInfo.className = 'hint bad';
      }
    }
    ui.tokenInfo.textContent = parts.join(' \u00b7 ');
  }

  function showTokenProblem(text) {
    state.tokenProblem = true;
    ui.tokenInfo.className = 'hint bad';
    ui.tokenInfo.textContent = text;
  }

  function decodeClaims(token) {
    var parts = token.split('.');
    if (parts.length !== 3) {
      return null;
    }
    try {
      var b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
      while (b64.length % 4) {
        b64 += '=';
      }
      var bytes = atob(b64);
      var text = decodeURIComponent(Array.prototype.map.call(bytes, function (c) {
        return '%' + ('0' + c.charCodeAt(0).toString(16)).slice(-2);
      }).join(''));
      var claims = JSON.parse(text);
      return claims && typeof claims === 'object' ? claims : null;
    } catch (e) {
      return null;
    }
  }

  function loadDemo() {
    return fetch('/demo/token', { cache: 'no-store' }).then(function (res) {
      if (!res.ok) {
        return null;
      }
      return res.json();
    }).then(function (demo) {
      if (!demo || !demo.token) {
        return;
      }
      state.demo = demo;
      var accounts = Array.isArray(demo.accounts) ? demo.accounts : [];
      clear(ui.accountChoice);
      accounts.forEach(function (a) {
        var o = document.createElement('option');
        o.value = a.account_id;
        o.textContent = a.name + ' \u2014 ' + shortId(a.account_id);
        ui.accountChoice.appendChild(o);
      });
      var other = document.createElement('option');
      other.value = '';
      other.textContent = 'another account (type its id below)';
      ui.accountChoice.appendChild(other);
      ui.accountChoice.hidden = accounts.length === 0;
      if (!ui.token.value.trim()) {
        ui.token.value = demo.token;
        if (accounts.length) {
          ui.account.value = accounts[0].account_id;
        }
        log('demo mode: token for ' + (accounts[0] ? accounts[0].name : 'the demo account')
          + ' filled in', 'ok');
      }
      describeToken();
    }).catch(function () { /* not in demo mode */ });
  }

  function onAccountChoice() {
    var id = ui.accountChoice.value;
    ui.account.value = id;
    if (!id || !state.demo) {
      ui.account.focus();
      return;
    }
    var demoTokens = (state.demo.accounts || []).map(function (a) { return a.token; });
    var current = ui.token.value.trim();
    if (!current || demoTokens.indexOf(current) >= 0) {
      state.demo.accounts.forEach(function (a) {
        if (a.account_id === id && a.token) {
          ui.token.value = a.token;
        }
      });
      state.tokenProblem = false;
      describeToken();
    }
  }

  function loadTemplates() {
    return fetch('/v2/websockets').then(function (res) { return res.json(); }).then(function (body) {
      var families = (body && body.data) || {};
      clear(ui.templates);
      clear(ui.quick);
      var seen = {};
      Object.keys(families).forEach(function (family) {
        var templates = (families[family] || []).map(String);
        templates.forEach(function (t) {
          var b = t.replace(/\{[^}]*\}/g, '*');
          if (!seen[b]) {
            seen[b] = true;
            var o = document.createElement('option');
            o.value = b;
            ui.templates.appendChild(o);
          }
        });
        widest(templates).forEach(function (b) {
          var button = document.createElement('button');
          button.type = 'button';
          button.textContent = b;
          button.title = 'subscribe to ' + b;
          button.addEventListener('click', function () {
            ui.binding.value = b;
            subscribe([b], ui.account.value.trim());
          });
          ui.quick.appendChild(button);
        });
      });
    }).catch(function (e) { log('could not load the binding templates: ' + e.message, 'warn'); });
  }

  // ---- small things -------------------------------------------------------------

  // The widest bindings a family's templates stand for, one chip each: templates that
  // differ in one word only (call.CHANNEL_CREATE.{CALL_ID}, call.CHANNEL_ANSWER.{CALL_ID})
  // are one group, and a word where a group differs, like every {SLOT}, becomes '*'
  // (call.*.*). fax.status.{FAX_ID} and fax.object.{ACTION} differ in two words: two chips.
  function widest(templates) {
    var words = templates.map(function (t) { return t.split('.'); });
    var group = words.map(function (w, i) { return i; });
    function root(i) { return group[i] === i ? i : (group[i] = root(group[i])); }
    for (var i = 0; i < words.length; i++) {
      for (var j = i + 1; j < words.length; j++) {
        if (words[i].length === words[j].length && differences(words[i], words[j]) === 1) {
          group[root(j)] = root(i);
        }
      }
    }
    var merged = {};
    var order = [];
    words.forEach(function (w, i) {
      var r = root(i);
      if (!merged[r]) {
        merged[r] = w.slice();
        order.push(r);
      }
      for (var k = 0; k < w.length; k++) {
        if (merged[r][k] !== w[k]) {
          merged[r][k] = '*';
        }
      }
    });
    var out = [];
    order.forEach(function (r) {
      var b = merged[r].join('.').replace(/\{[^}]*\}/g, '*');
      if (out.indexOf(b) < 0) {
        out.push(b);
      }
    });
    return out;
  }

  function differences(a, b) {
    var n = 0;
    for (var k = 0; k < a.length; k++) {
      if (a[k] !== b[k]) {
        n++;
      }
    }
    return n;
  }

  function setPill(node, text, cls) {
    node.textContent = text;
    node.className = 'pill ' + cls;
  }

  function log(text, cls) {
    var li = document.createElement('li');
    if (cls) {
      li.className = cls;
    }
    var t = document.createElement('time');
    t.textContent = clock(new Date()).slice(0, 8);
    li.appendChild(t);
    li.appendChild(document.createTextNode(text));
    ui.log.insertBefore(li, ui.log.firstChild);
    while (ui.log.children.length > MAX_LOG) {
      ui.log.removeChild(ui.log.lastChild);
    }
  }

  function clock(d) {
    function pad(n, w) { return ('000' + n).slice(-w); }
    return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + '.'
      + pad(d.getMilliseconds(), 3);
  }

  function duration(ms) {
    var s = Math.round(ms / 1000);
    if (s < 120) { return s + ' s'; }
    if (s < 7200) { return Math.round(s / 60) + ' min'; }
    return Math.round(s / 3600) + ' h';
  }

  function shortId(id) {
    return id && id.length > 12 ? id.slice(0, 8) + '\u2026' : id;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  // ---- wiring -------------------------------------------------------------------

  ui.subscribe.addEventListener('click', function () {
    var b = ui.binding.value.trim();
    if (!b) {
      log('type a binding first, e.g. call.*.*', 'warn');
      ui.binding.focus();
      return;
    }
    subscribe([b], ui.account.value.trim());
  });
  ui.binding.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') {
      ui.subscribe.click();
    }
  });
  ui.unsubscribe.addEventListener('click', function () {
    var b = ui.binding.value.trim();
    if (!b) {
      log('type the binding to unsubscribe, or use "unsubscribe all"', 'warn');
      return;
    }
    unsubscribe([b], ui.account.value.trim());
  });
  ui.unsubscribeAll.addEventListener('click', function () { unsubscribe(null, ''); });
  ui.token.addEventListener('input', function () {
    state.tokenProblem = false;
    describeToken();
  });
  ui.accountChoice.addEventListener('change', onAccountChoice);
  ui.filter.addEventListener('input', applyFilter);
  ui.pause.addEventListener('click', function () {
    state.paused = !state.paused;
    ui.pause.textContent = state.paused ? 'Resume' : 'Pause';
    if (!state.paused && state.hiddenWhilePaused) {
      marker(state.hiddenWhilePaused + ' event(s) arrived while paused and are not shown', false);
      state.hiddenWhilePaused = 0;
    }
  });
  ui.clear.addEventListener('click', function () {
    state.queue = [];
    while (ui.table.tBodies.length) {
      ui.table.removeChild(ui.table.tBodies[0]);
    }
    ui.empty.hidden = false;
  });
  ui.table.addEventListener('click', function (e) {
    var tr = e.target.closest('tr.summary');
    if (tr && tr.parentNode.classList.contains('event')) {
      toggleDetail(tr.parentNode);
    }
  });

  setInterval(function () {
    state.lastRate = state.thisSecond;
    ui.rate.textContent = String(state.thisSecond);
    ui.total.textContent = String(state.total);
    state.thisSecond = 0;
    if (!state.tokenProblem) {
      describeToken();
    }
  }, 1000);

  loadTemplates();
  loadDemo().then(connect, connect);
})();
