// Workers' channels, end to end encrypted in the browser (Web Crypto, AES-GCM with a 256-bit key).
// The key is made here and lives only in the link's fragment (#k=...), which browsers never send to
// the server; Polder stores and returns sealed boxes "iv.ciphertext" and cannot read them.
(function () {
  'use strict';
  var enc = new TextEncoder(), dec = new TextDecoder();

  function b64(bytes) {
    var s = '';
    new Uint8Array(bytes).forEach(function (b) { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function unb64(text) {
    var s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    return Uint8Array.from(s, function (c) { return c.charCodeAt(0); });
  }
  function headers() {
    var h = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
    h['Content-Type'] = 'application/json';
    h['Accept'] = 'application/json';
    return h;
  }
  function seal(key, value) {
    var iv = crypto.getRandomValues(new Uint8Array(12));
    return crypto.subtle.encrypt({name: 'AES-GCM', iv: iv}, key, enc.encode(JSON.stringify(value)))
      .then(function (sealed) { return b64(iv) + '.' + b64(sealed); });
  }
  function open(key, box) {
    var parts = box.split('.');
    return crypto.subtle.decrypt({name: 'AES-GCM', iv: unb64(parts[0])}, key, unb64(parts[1]))
      .then(function (plain) { return JSON.parse(dec.decode(plain)); });
  }
  function importKey(raw) {
    return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  }
  function post(url, box) {
    return fetch(url, {method: 'POST', headers: headers(), credentials: 'same-origin', body: JSON.stringify({box: box})})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }

  // The start page: open a channel, then go to it with the key in the fragment.
  var start = document.getElementById('open-channel');
  if (start) {
    start.addEventListener('submit', function (event) {
      event.preventDefault();
      var raw = crypto.getRandomValues(new Uint8Array(32));
      importKey(raw)
        .then(function (key) { return seal(key, {name: document.getElementById('channel-name').value}); })
        .then(function (box) { return post('/channels/data', box); })
        .then(function (channel) { window.location.href = '/channels/' + channel.id + '#k=' + b64(raw); })
        .catch(function () { document.getElementById('channel-status').textContent = start.dataset.error; });
    });
    return;
  }

  // A channel: read and write with the key from the fragment.
  var main = document.getElementById('main');
  var id = main && main.dataset.channel;
  if (!id) return;
  var status = document.getElementById('channel-status');
  var match = /k=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (!match) {
    status.textContent = main.dataset.nokey;
    document.getElementById('send').hidden = true;
    return;
  }
  document.getElementById('invite').value = window.location.href;
  var saved = localStorage.getItem('polder-channel-name-' + id);
  if (saved) document.getElementById('signature').value = saved;
  var last = 0;
  importKey(unb64(match[1])).then(function (key) {
    open(key, main.dataset.nameBox).then(function (v) { document.getElementById('channel-title').textContent = v.name; },
      function () { status.textContent = main.dataset.unreadable; });

    function show(message) {
      return open(key, message.box).then(function (v) {
        var li = document.createElement('li');
        var who = document.createElement('strong');
        who.textContent = (v.from || main.dataset.anonymous) + ': ';
        var text = document.createElement('span');
        text.textContent = v.text;
        var when = document.createElement('span');
        when.className = 'muted';
        when.textContent = ' ' + new Date(message.createdAt).toLocaleString();
        li.append(who, text, when);
        document.getElementById('messages').append(li);
      }, function () { status.textContent = main.dataset.unreadable; });
    }
    function poll() {
      return fetch('/channels/data/' + id + '/messages?after=' + last, {headers: headers(), credentials: 'same-origin'})
        .then(function (r) { return r.json(); })
        .then(function (messages) {
          var chain = Promise.resolve();
          messages.forEach(function (m) { chain = chain.then(function () { last = Math.max(last, m.id); return show(m); }); });
          return chain;
        });
    }
    poll();
    setInterval(poll, 3000);

    document.getElementById('send').addEventListener('submit', function (event) {
      event.preventDefault();
      var from = document.getElementById('signature').value.trim();
      localStorage.setItem('polder-channel-name-' + id, from);
      var textarea = document.getElementById('text');
      seal(key, {from: from, text: textarea.value})
        .then(function (box) { return post('/channels/data/' + id + '/messages', box); })
        .then(function () { textarea.value = ''; return poll(); })
        .catch(function () { status.textContent = main.dataset.unreadable; });
    });
  });
})();
