// Uploads the batch form with a progress bar. Without JavaScript the form still posts normally.
(function () {
  var form = document.getElementById('batch-form');
  if (!form || !window.XMLHttpRequest) return;
  var bar = document.getElementById('upload-progress');
  var status = document.getElementById('upload-status');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    bar.hidden = false;
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round(100 * e.loaded / e.total);
        status.textContent = bar.value + '%';
      }
    };
    xhr.upload.onload = function () { bar.removeAttribute('value'); status.textContent = form.dataset.checking || '…'; };
    xhr.onload = function () {
      if (xhr.responseURL && xhr.responseURL.indexOf('/requester/batches/new') < 0 && xhr.status < 400
          && xhr.responseURL !== form.action) {
        window.location.href = xhr.responseURL;
        return;
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    };
    xhr.onerror = function () { bar.hidden = true; status.textContent = form.dataset.failed; };
    xhr.send(new FormData(form));
  });
})();
