// New notices reach every open page at once (server-sent events): the count beside the menu goes up and the
// notice shows for a few seconds at the foot of the screen, with a link to where it leads. Nothing to answer.
(function () {
  var link = document.querySelector('a[data-notices]');
  if (!link || !window.EventSource) return;
  var badge = link.querySelector('[data-unread]');
  var toast = document.getElementById('notice-toast');
  var hide;
  var stream = new EventSource('/notifications/events');
  stream.addEventListener('notice', function (e) {
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
  });
})();
