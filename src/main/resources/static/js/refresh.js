// Keeps a part of a page up to date: an element with data-refresh="/url" is fetched again every 15 seconds and
// replaced, unless something in it is being filled in or the page is hidden. (htmx's trigger filters would need eval,
// which the pages' content security policy does not allow.)
(function () {
  function refresh() {
    document.querySelectorAll('[data-refresh]').forEach(function (part) {
      if (document.visibilityState !== 'visible' || part.contains(document.activeElement)) {
        return;
      }
      htmx.ajax('GET', part.dataset.refresh, {target: '#' + part.id, swap: 'outerHTML', select: '#' + part.id});
    });
  }
  setInterval(refresh, 15000);
})();
