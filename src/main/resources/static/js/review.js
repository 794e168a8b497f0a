// "Select all" in the review list: ticks or clears every submission's box (also after htmx swaps the list).
document.addEventListener('change', function (event) {
  if (event.target.id !== 'select-all') return;
  document.querySelectorAll('input[name=ids]').forEach(function (box) { box.checked = event.target.checked; });
});
