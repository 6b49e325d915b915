// Progressive upload for the evidence form: several files, dropped or chosen, each with its own caption and its own
// progress bar. Without this script the form posts to the page handler and works the same, one request for all files.
(function () {
  "use strict";
  var form = document.querySelector("form.upload[data-upload-url]");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }

  var input = form.querySelector("input[type=file]");
  var list = form.querySelector(".upload-progress");
  var zone = form.querySelector(".dropzone");
  var captionLabel = list.getAttribute("data-caption-label") || "{0}";
  var chosen = [];

  // One row per file: its name, a caption of its own, then a progress bar and a status once it is sent.
  function row(file, index) {
    var li = document.createElement("li");
    var name = document.createElement("span");
    name.className = "upload-name";
    name.textContent = file.name;
    var label = document.createElement("label");
    label.htmlFor = "evidence-caption-" + index;
    label.textContent = captionLabel.replace("{0}", file.name);
    var caption = document.createElement("input");
    caption.type = "text";
    caption.id = "evidence-caption-" + index;
    caption.name = "captions";
    caption.maxLength = 500;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.hidden = true;
    var status = document.createElement("span");
    status.className = "upload-status";
    li.appendChild(name);
    li.appendChild(label);
    li.appendChild(caption);
    li.appendChild(bar);
    li.appendChild(status);
    list.appendChild(li);
    return { file: file, caption: caption, bar: bar, status: status };
  }

  function choose(files) {
    list.textContent = "";
    chosen = Array.prototype.map.call(files, row);
  }

  function send(job) {
    return new Promise(function (resolve) {
      var data = new FormData();
      if (job.caption.value) {
        data.append("caption", job.caption.value);
      }
      data.append("file", job.file, job.file.name);
      job.caption.readOnly = true;
      job.bar.hidden = false;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("data-upload-url"));
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          job.bar.value = Math.round((e.loaded / e.total) * 100);
        }
      });
      xhr.addEventListener("load", function () {
        var ok = xhr.status >= 200 && xhr.status < 300;
        job.bar.value = 100;
        if (!ok) {
          var detail = "";
          try { detail = JSON.parse(xhr.responseText).detail || ""; } catch (ignored) { detail = ""; }
          job.status.textContent = " ✗ " + (detail || xhr.status);
          job.status.className = "upload-status field-error";
        } else {
          job.status.textContent = " ✓";
        }
        resolve(ok);
      });
      xhr.addEventListener("error", function () {
        job.status.textContent = " ✗";
        resolve(false);
      });
      xhr.send(data);
    });
  }

  // One file after another: kinder to a phone's upload link, and each bar means something.
  function upload() {
    var queue = chosen.slice();
    var allOk = true;
    var next = function () {
      var job = queue.shift();
      if (!job) {
        if (allOk) {
          window.location.reload();
        }
        return;
      }
      send(job).then(function (ok) {
        allOk = allOk && ok;
        next();
      });
    };
    next();
  }

  input.addEventListener("change", function () {
    choose(input.files || []);
  });

  form.addEventListener("submit", function (e) {
    if (chosen.length) {
      e.preventDefault();
      upload();
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
      input.required = false;
      choose(e.dataTransfer.files);
    }
  });
})();
