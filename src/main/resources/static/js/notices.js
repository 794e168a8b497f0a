// New notices reach every open page at once (server-sent events): the count beside the menu goes up and the
// notice shows for a few seconds at the foot of the screen, with a link to where it leads. Nothing to answer.
// Only a page in view listens, so that tabs in the background do not hold the browser's few connections open.
(function () {
  var link = document.querySelector('a[data-notices]');
  if (!link || !window.EventSource) return;
  var badge = link.querySelector('[data-unread]');
  var toast = document.getElementById('notice-toast');
  var hide, stream;
  var show = function (e) {
    var n = JSON.parse(e.data);
    badge.textContent = n.unread;
    badge.classList.toggle('none', !n.unread);
    if (!toast) return;
    toast.textContent = '';
    var a = document.createElement('a');
    a.href = n.link;
    a.textContent = n.text;
    toast.appendChild(a);
    toast.classList.remove('none');
    clearTimeout(hide);
    hide = setTimeout(function () { toast.classList.add('none'); }, 10000);
  };
  var listen = function () {
    if (document.hidden) {
      if (stream) { stream.close(); stream = null; }
    } else if (!stream) {
      stream = new EventSource('/notifications/events');
      stream.addEventListener('notice', show);
      // On (re)opening, the count as it is now: notices may have come while the page was hidden.
      stream.addEventListener('unread', function (e) {
        badge.textContent = e.data;
        badge.classList.toggle('none', e.data === '0');
      });
    }
  };
  document.addEventListener('visibilitychange', listen);
  listen();
})();
