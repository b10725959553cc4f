// 预算绩效工作台: field <-> source highlighting, drag and drop upload, htmx settings. No build step.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function () {});
  if (window.htmx) {
    // a conflict (409) or a refused value (422) comes back as the project card to show
    htmx.config.responseHandling = [
      { code: "204", swap: false }, { code: "[23]..", swap: true },
      { code: "409", swap: true }, { code: "422", swap: true }, { code: "[45]..", swap: false, error: true }];
  }
  document.addEventListener("htmx:responseError", function (e) {
    var text = e.detail.xhr && e.detail.xhr.responseText;
    window.alert(text || "操作失败，请刷新页面后重试");
  });

  function clearMarks() {
    document.querySelectorAll(".source .hl").forEach(function (m) { m.classList.remove("hl"); });
  }
  // a field got the focus: light up where its value was read
  document.addEventListener("focusin", function (e) {
    var ref = e.target.getAttribute && e.target.getAttribute("data-ref");
    if (!ref || e.target.closest(".source")) return;
    clearMarks();
    // on a page image the field's cell box, else its span in the text
    var mark = document.querySelector('.pageimg [data-refs~="' + ref + '"]') || document.getElementById("m-" + ref);
    if (mark) { mark.classList.add("hl"); mark.scrollIntoView({ block: "center", behavior: "smooth" }); }
  });
  // a value in the source was clicked: go to its field
  document.addEventListener("click", function (e) {
    var mark = e.target.closest && e.target.closest(".source [data-ref]");
    if (!mark) return;
    var field = document.getElementById("f-" + mark.getAttribute("data-ref"));
    if (field) { field.scrollIntoView({ block: "center", behavior: "smooth" }); field.focus({ preventScroll: true }); }
    clearMarks(); mark.classList.add("hl");
  });
  // a finding under an indicator was clicked: go to the field it is about
  document.addEventListener("click", function (e) {
    var row = e.target.closest && e.target.closest(".rowfinding[data-ref]");
    if (!row) return;
    var field = document.getElementById("f-" + row.getAttribute("data-ref"));
    if (field) field.focus();
  });
  // drag and drop onto the upload area
  function setupDrop() {
    var drop = document.getElementById("drop"), input = document.getElementById("files"),
        form = document.getElementById("upload");
    if (!drop || !input || !form) return;
    ["dragenter", "dragover"].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      input.files = e.dataTransfer.files;
      form.requestSubmit();
    });
    input.addEventListener("change", function () { if (input.files.length) form.requestSubmit(); });
    var bar = document.getElementById("upload-progress");
    form.addEventListener("htmx:xhr:progress", function (e) {
      if (!bar || !e.detail.lengthComputable) return;
      bar.hidden = false; bar.value = Math.round(e.detail.loaded / e.detail.total * 100);
    });
    form.addEventListener("htmx:afterRequest", function () { if (bar) bar.hidden = true; form.reset(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupDrop); else setupDrop();
})();
