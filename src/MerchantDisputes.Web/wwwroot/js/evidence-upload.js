// Progressive upload for the evidence form: several files, dropped or chosen, each with its own progress bar.
// Without this script the form posts to the page handler and works the same, one request for all files.
(function () {
  "use strict";
  var form = document.querySelector("form.upload[data-upload-url]");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }

  var input = form.querySelector("input[type=file]");
  var caption = form.querySelector("input[name=caption]");
  var list = form.querySelector(".upload-progress");
  var zone = form.querySelector(".dropzone");

  function row(file) {
    var li = document.createElement("li");
    var name = document.createElement("span");
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    var status = document.createElement("span");
    status.className = "upload-status";
    li.appendChild(name);
    li.appendChild(bar);
    li.appendChild(status);
    list.appendChild(li);
    return { bar: bar, status: status };
  }

  function send(file, view) {
    return new Promise(function (resolve) {
      var data = new FormData();
      if (caption && caption.value) {
        data.append("caption", caption.value);
      }
      data.append("file", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("data-upload-url"));
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          view.bar.value = Math.round((e.loaded / e.total) * 100);
        }
      });
      xhr.addEventListener("load", function () {
        var ok = xhr.status >= 200 && xhr.status < 300;
        view.bar.value = 100;
        if (!ok) {
          var detail = "";
          try { detail = JSON.parse(xhr.responseText).detail || ""; } catch (ignored) { detail = ""; }
          view.status.textContent = " ✗ " + (detail || xhr.status);
          view.status.className = "upload-status field-error";
        } else {
          view.status.textContent = " ✓";
        }
        resolve(ok);
      });
      xhr.addEventListener("error", function () {
        view.status.textContent = " ✗";
        resolve(false);
      });
      xhr.send(data);
    });
  }

  // One file after another: kinder to a phone's upload link, and each bar means something.
  function upload(files) {
    var queue = Array.prototype.map.call(files, function (file) { return { file: file, view: row(file) }; });
    var allOk = true;
    var next = function () {
      var job = queue.shift();
      if (!job) {
        if (allOk) {
          window.location.reload();
        }
        return;
      }
      send(job.file, job.view).then(function (ok) {
        allOk = allOk && ok;
        next();
      });
    };
    next();
  }

  form.addEventListener("submit", function (e) {
    if (input.files && input.files.length) {
      e.preventDefault();
      upload(input.files);
    }
  });

  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("dragging"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("dragging"); });
  });
  zone.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      upload(e.dataTransfer.files);
    }
  });
})();
