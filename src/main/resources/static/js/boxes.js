// Boxes drawn on a task's picture: drag (mouse, finger or pen) to draw, remove from the list. The answer is kept in
// the field's hidden input as JSON: [{x, y, w, h, label}] with fractions of the picture, so that it means the same on
// any screen. Pictures with data-boxes-show only show boxes (the requester's results). No libraries, no build step.
(function () {
  function round(v) { return Math.round(v * 10000) / 10000; }

  function place(el, b) {
    el.style.left = (b.x * 100) + '%';
    el.style.top = (b.y * 100) + '%';
    el.style.width = (b.w * 100) + '%';
    el.style.height = (b.h * 100) + '%';
  }

  function drawn(canvas, b, n) {
    var el = document.createElement('div');
    el.className = 'box';
    place(el, b);
    var tag = document.createElement('span');
    tag.textContent = n + (b.label ? ' ' + b.label : '');
    el.appendChild(tag);
    canvas.appendChild(el);
    return el;
  }

  function setUp(field) {
    if (field.dataset.ready) { return; }
    field.dataset.ready = '1';
    var canvas = field.querySelector('.box-canvas');
    var input = field.querySelector('input[type=hidden]');
    var list = field.querySelector('.box-list');
    var none = field.querySelector('.box-none');
    var labelSelect = field.querySelector('[data-box-label]');
    var max = parseInt(field.dataset.max || '20', 10);
    var boxes = [];
    try { boxes = JSON.parse(input.value || '[]') || []; } catch (e) { boxes = []; }

    function render() {
      canvas.querySelectorAll('.box').forEach(function (el) { el.remove(); });
      list.innerHTML = '';
      boxes.forEach(function (b, i) {
        drawn(canvas, b, i + 1);
        var li = document.createElement('li');
        li.textContent = (b.label || '') + ' ';
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'link';
        remove.textContent = (field.dataset.remove || 'Remove box {0}').replace('{0}', String(i + 1));
        remove.addEventListener('click', function () { boxes.splice(i, 1); render(); });
        li.appendChild(remove);
        list.appendChild(li);
      });
      input.value = JSON.stringify(boxes);
      if (none) { none.hidden = boxes.length > 0; }
      field.dataset.drawn = String(boxes.length);
    }

    function at(event) {
      var r = canvas.getBoundingClientRect();
      return {
        x: Math.min(1, Math.max(0, (event.clientX - r.left) / r.width)),
        y: Math.min(1, Math.max(0, (event.clientY - r.top) / r.height))
      };
    }

    var start = null, ghost = null;
    canvas.addEventListener('pointerdown', function (e) {
      if (boxes.length >= max) { return; }
      e.preventDefault();
      canvas.setPointerCapture(e.pointerId);
      start = at(e);
      ghost = drawn(canvas, { x: start.x, y: start.y, w: 0, h: 0 }, boxes.length + 1);
      ghost.classList.add('ghost');
    });
    canvas.addEventListener('pointermove', function (e) {
      if (!start) { return; }
      var p = at(e);
      place(ghost, { x: Math.min(start.x, p.x), y: Math.min(start.y, p.y), w: Math.abs(p.x - start.x), h: Math.abs(p.y - start.y) });
    });
    function finish(e) {
      if (!start) { return; }
      var p = at(e);
      var b = { x: round(Math.min(start.x, p.x)), y: round(Math.min(start.y, p.y)),
                w: round(Math.abs(p.x - start.x)), h: round(Math.abs(p.y - start.y)) };
      if (labelSelect) { b.label = labelSelect.value; }
      start = null;
      ghost.remove();
      if (b.w >= 0.01 && b.h >= 0.01) { boxes.push(b); }
      render();
    }
    canvas.addEventListener('pointerup', finish);
    canvas.addEventListener('pointercancel', function () { start = null; if (ghost) { ghost.remove(); } });
    render();
  }

  function show(figure) {
    if (figure.dataset.ready) { return; }
    figure.dataset.ready = '1';
    var boxes = [];
    try { boxes = JSON.parse(figure.dataset.boxesShow || '[]'); } catch (e) { boxes = []; }
    boxes.forEach(function (b, i) { drawn(figure, b, i + 1); });
  }

  function scan() {
    document.querySelectorAll('[data-boxes]').forEach(setUp);
    document.querySelectorAll('[data-boxes-show]').forEach(show);
  }
  document.addEventListener('DOMContentLoaded', scan);
  document.addEventListener('htmx:afterSwap', scan);
  if (document.readyState !== 'loading') { scan(); }
})();
