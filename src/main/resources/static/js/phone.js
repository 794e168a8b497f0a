// Pages on a phone: the menu folds away behind one button, so that the page's own content is on the first
// screen; tables with headings become one card per row below 600 px, each value labelled with its heading.
// Without scripts the menu simply stays open and tables scroll inside their frame.
(function () {
  document.documentElement.classList.add('js');

  function tables() {
    document.querySelectorAll('main table:not(.reflow)').forEach(function (table) {
      var heads = table.querySelectorAll('thead th');
      if (!heads.length) return;
      table.querySelectorAll('tbody tr').forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (heads[i] && !cell.hasAttribute('data-label')) cell.setAttribute('data-label', heads[i].textContent.trim());
        });
      });
      table.classList.add('reflow');
    });
    // A frame that still scrolls can be reached and scrolled with the keyboard.
    document.querySelectorAll('.table-wrap').forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) wrap.setAttribute('tabindex', '0');
      else wrap.removeAttribute('tabindex');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var toggle = document.querySelector('.menu-toggle');
    var nav = document.getElementById('main-nav');
    if (toggle && nav) {
      toggle.addEventListener('click', function () {
        var open = nav.classList.toggle('open');
        toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      });
    }
    tables();
  });
  document.addEventListener('htmx:afterSettle', tables);
})();
