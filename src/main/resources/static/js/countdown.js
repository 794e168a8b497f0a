// Shows the time left until each deadline on the page; re-scans after htmx swaps in a new task.
(function () {
  function tick() {
    document.querySelectorAll('.countdown[data-deadline]').forEach(function (el) {
      var left = Math.floor((Date.parse(el.dataset.deadline) - Date.now()) / 1000);
      if (left <= 0) { el.textContent = '0:00'; el.classList.add('over'); return; }
      var m = Math.floor(left / 60), s = left % 60;
      el.textContent = m + ':' + (s < 10 ? '0' : '') + s;
      el.classList.toggle('soon', left < 60);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
