// The page: reads the form, asks the WebAssembly module (podcover.js, from web/wasm) and
// draws the answers. Files are read in the browser and never sent anywhere.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const els = {
    form: $("book"), trim: $("trim"), trims: $("trims"), pages: $("pages"), paper: $("paper"),
    binding: $("binding"), interior: $("interior"), interiorStatus: $("interior-status"),
    isbn: $("isbn"), price: $("price"), barcodeStatus: $("barcode-status"),
    summary: $("summary"), tbody: document.querySelector("#offers tbody"),
    checkRow: $("check-row"), cover: $("cover"), findings: $("findings"),
    readings: $("readings"), stock: $("stock"), reset: $("reset"), dataStatus: $("data-status"),
    art: $("art"), separation: $("separation"),
  };
  const CONFIDENCE = {
    published: "the vendor's published figures",
    calculator: "readings of the vendor's calculator or templates, or a credible record of them",
    reading: "a reading of the vendor's template for this page count",
    estimate: "an estimate: check against the vendor's own template",
  };

  let podcover = null; // the module's JavaScript side (wasm-bindgen's glue), once started
  let formats = []; // the template formats the module writes: { name, extension, mime_type }
  let compiled = null; // the compiled module, kept to start it again after a trap
  let session = null;
  let restarting = null; // the restart under way after a trap, if any
  const loaded = { readings: null, stocks: [] }; // the user's files, read again after a restart
  let view = null; // the last comparison: { book, result }
  let cover = null; // the last cover file checked: { name, bytes }
  let checkTimer = 0;

  // ---- start -------------------------------------------------------------------------------

  async function start() {
    try {
      // From a local folder (file://) the browser will not fetch the .wasm; the build writes
      // the same bytes as base64 into podcover-wasm.js for that case.
      if (location.protocol === "file:") {
        await loadScript("podcover-wasm.js");
        compiled = await WebAssembly.compile(Uint8Array.from(atob(self.PODCOVER_WASM), (c) => c.charCodeAt(0)));
      } else {
        const response = await fetch("podcover_bg.wasm");
        if (!response.ok) throw new Error(`cannot load podcover_bg.wasm (${response.status})`);
        compiled = await WebAssembly.compile(await response.arrayBuffer());
      }
      await instantiate();
    } catch (e) {
      els.summary.textContent = "podcover could not start in this browser: " + message(e);
      els.summary.className = "status error";
      return;
    }
    fillChoices();
    els.paper.value = "";
    for (const el of [els.trim, els.pages]) el.addEventListener("input", update);
    for (const el of [els.paper, els.binding]) el.addEventListener("change", update);
    for (const el of els.form.elements.unit) el.addEventListener("change", update);
    els.form.addEventListener("submit", (e) => e.preventDefault());
    for (const f of ["check", "data", "print"]) $(f).addEventListener("submit", (e) => e.preventDefault());
    els.art.addEventListener("change", separateArt);
    els.isbn.addEventListener("input", checkBarcode);
    els.price.addEventListener("input", checkBarcode);
    els.interior.addEventListener("change", readInterior);
    els.cover.addEventListener("change", readCover);
    els.checkRow.addEventListener("change", runCheck);
    els.readings.addEventListener("change", () => readData("readings"));
    els.stock.addEventListener("change", () => readData("stock"));
    els.reset.addEventListener("click", resetData);
    els.tbody.addEventListener("click", onTableClick);
    update();
    document.documentElement.dataset.ready = "true";
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error("cannot load " + src));
      document.head.appendChild(s);
    });
  }

  // A fresh instance of the module, with the user's files read into its session again.
  // podcover.js defines podcoverGlue (see web/build.sh): each call gives glue for a new
  // instance, as wasm-bindgen's glue starts only one.
  async function instantiate() {
    const glue = self.podcoverGlue();
    await glue({ module_or_path: compiled });
    const fresh = new glue.Session();
    if (loaded.readings) fresh.set_readings(...loaded.readings);
    for (const [name, text] of loaded.stocks) fresh.add_stock(name, text);
    formats = JSON.parse(glue.template_formats());
    podcover = glue;
    session = fresh;
  }

  // Runs `work` (calls into the module). Errors come back as messages; a trap (the module
  // stopped: a bug in podcover, which aborts on a panic) leaves the instance unusable, so a new
  // one is started and the page goes on, saying what happened.
  function call(work) {
    if (restarting) throw new Error("podcover is restarting after an internal error; try again in a moment");
    try {
      return work();
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      console.error("podcover stopped:", e);
      session = null;
      restarting = instantiate().then(() => {
        restarting = null;
        document.documentElement.dataset.restarts = String(Number(document.documentElement.dataset.restarts || 0) + 1);
      }, (again) => {
        restarting = null;
        setStatus(els.summary, "podcover could not restart: " + message(again) + "; reload the page", "error");
      });
      throw new Error("podcover stopped on an internal error (" + message(e) + ") and is being restarted; " +
        "nothing was done, so try again, and please report what you did");
    }
  }

  function message(e) {
    return e && e.message ? e.message : String(e);
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k.startsWith("data-") || k.startsWith("aria-") || k === "title" || k === "colspan" || k === "type") node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function setStatus(node, text, kind) {
    node.textContent = text;
    node.className = "status" + (kind ? " " + kind : "");
  }

  // ---- the comparison ----------------------------------------------------------------------

  function fillChoices() {
    const choices = JSON.parse(call(() => session.choices()));
    const keep = (select) => select.value;
    const paper = keep(els.paper), binding = keep(els.binding);
    els.paper.replaceChildren(el("option", { value: "" }, "every paper"),
      ...choices.papers.map((p) => el("option", { value: p }, p)));
    els.binding.replaceChildren(el("option", { value: "" }, "every binding"),
      ...choices.bindings.map((b) => el("option", { value: b.id }, b.id)));
    els.paper.value = choices.papers.includes(paper) ? paper : "";
    els.binding.value = choices.bindings.some((b) => b.id === binding) ? binding : "";
    els.trims.replaceChildren(...choices.trims.map((t) => el("option", { value: t })));
    document.getElementById("digital").replaceChildren(...(choices.digital || []).map((d) =>
      el("li", {}, `${d.vendor} ${d.id}: ${d.width} × ${d.height} px (${d.name}; ${d.confidence})`)));
  }

  function readBook() {
    const trim = els.trim.value.trim();
    const pagesText = els.pages.value.trim();
    const unit = els.form.elements.unit.value || "in";
    if (!trim) return { error: "Trim: enter the book's width x height, e.g. 6x9" };
    if (!/^\d{1,5}$/.test(pagesText) || Number(pagesText) < 1) {
      return { error: "Pages: enter the number of printed pages, e.g. 318" };
    }
    return { trim, pages: Number(pagesText), paper: els.paper.value, binding: els.binding.value, unit };
  }

  function update() {
    const t0 = performance.now();
    const book = readBook();
    let result = null;
    if (!book.error) {
      try {
        result = JSON.parse(call(() => session.compare(book.trim, book.pages, book.paper, book.binding, book.unit)));
      } catch (e) {
        book.error = message(e);
      }
    }
    els.trim.setAttribute("aria-invalid", String(!!book.error && /trim/i.test(book.error)));
    els.pages.setAttribute("aria-invalid", String(!!book.error && /^Pages/.test(book.error)));
    if (book.error) {
      view = null;
      setStatus(els.summary, book.error, "error");
      els.tbody.replaceChildren();
      fillCheckRows();
      return;
    }
    view = { book, result };
    renderTable();
    fillCheckRows();
    const ok = result.offers.filter((o) => !o.error).length;
    const refused = result.offers.length - ok;
    setStatus(els.summary, `${ok} way${ok === 1 ? "" : "s"} to print ${result.trim_name}, ${book.pages} pages` +
      (refused ? `; ${refused} not possible (reasons in the table).` : "."));
    document.documentElement.dataset.renderMs = (performance.now() - t0).toFixed(2);
    if (cover) {
      clearTimeout(checkTimer);
      checkTimer = setTimeout(runCheck, 200);
    }
  }

  function renderTable() {
    const { result } = view;
    const unit = result.unit;
    const rows = result.offers.map((o, i) => {
      const tr = el("tr", { "data-vendor": o.vendor, "data-binding": o.binding, "data-paper": o.paper });
      tr.append(
        el("th", { scope: "row", "data-label": "Vendor", class: i > 0 && result.offers[i - 1].vendor === o.vendor ? "again" : "" }, o.vendor_name),
        el("td", { "data-label": "Binding" }, o.binding),
        el("td", { "data-label": "Paper" }, o.paper),
      );
      if (o.error) {
        tr.className = "refused";
        tr.append(el("td", { colspan: "4", class: "reason", "data-label": "Cannot print" }, o.error));
        return tr;
      }
      const notes = [];
      if (!o.spine_text) notes.push(el("small", {}, o.spine_text_note));
      if (o.spine_reading) notes.push(el("small", { class: "reading" }, `read off a template: ${o.spine_reading}`));
      if (o.spine_reading_warning) notes.push(el("small", { class: "reading flagged" }, `check this reading: ${o.spine_reading_warning}`));
      if (o.rounded_from) notes.push(el("small", {}, `computed for ${o.pages_used} pages, as the vendor rounds up`));
      if (o.not_printed) notes.push(el("small", { class: "warning" }, o.not_printed));
      tr.append(
        el("td", { class: "num spine", "data-label": "Spine", "data-value": o.spine_width },
          `${o.text.spine_width} ${unit}`, ...notes),
        el("td", { class: "num size", "data-label": "Full cover", "data-width": o.full_width, "data-height": o.full_height },
          `${o.text.full_width} × ${o.text.full_height} ${unit}`),
        el("td", { class: "confidence", "data-label": "Confidence", title: CONFIDENCE[o.confidence] || "" }, o.confidence),
        el("td", { class: "downloads", "data-label": "Template" },
          ...formats.map((f) => el("button", {
            type: "button", "data-row": String(i), "data-format": f.name,
            "aria-label": `${f.name.toUpperCase()} template for ${o.vendor_name} ${o.binding} ${o.paper}`,
          }, f.name.toUpperCase()))),
      );
      return tr;
    });
    els.tbody.replaceChildren(...rows);
  }

  // ---- templates ---------------------------------------------------------------------------

  function barcode() {
    return { isbn: els.isbn.value.trim(), price: els.price.value.trim() };
  }

  // Asks for a tiny template to find out whether the ISBN and price are valid.
  function checkBarcode() {
    const { isbn, price } = barcode();
    const row = view && view.result.offers.find((o) => !o.error);
    if ((!isbn && !price) || !row) return setStatus(els.barcodeStatus, "");
    try {
      call(() => session.template(row.vendor, row.binding, row.paper, view.book.trim, view.book.pages, isbn, price, "svg"));
      setStatus(els.barcodeStatus, isbn ? "The templates carry this barcode." : "Add an ISBN for the barcode.");
    } catch (e) {
      setStatus(els.barcodeStatus, message(e), "error");
    }
  }

  async function onTableClick(event) {
    const button = event.target.closest("button[data-format]");
    if (!button || !view) return;
    const row = view.result.offers[Number(button.dataset.row)];
    const format = formats.find((f) => f.name === button.dataset.format);
    const { isbn, price } = barcode();
    const { trim, pages } = view.book;
    const t0 = performance.now();
    const name = `${row.vendor}-${row.binding}-${row.paper}-${view.result.trim_name}-${pages}p.${format.extension}`;
    try {
      const bytes = call(() => session.template(row.vendor, row.binding, row.paper, trim, pages, isbn, price, format.name));
      save(name, bytes, format.mime_type);
      document.documentElement.dataset.templateMs = (performance.now() - t0).toFixed(2);
      setStatus(els.barcodeStatus, "");
    } catch (e) {
      setStatus(els.barcodeStatus, `${name}: ${message(e)}`, "error");
      els.isbn.focus();
    }
  }

  function save(name, bytes, type) {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // ---- files -------------------------------------------------------------------------------

  async function readInterior() {
    const file = els.interior.files[0];
    if (!file) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const found = JSON.parse(call(() => podcover.interior(file.name, bytes)));
      els.pages.value = String(found.pages);
      els.trim.value = found.trim;
      const bleed = found.trim_from === "media-box"
        ? " (no TrimBox: if the pages have bleed, the trim is 0.125 in narrower and 0.25 in shorter)"
        : "";
      setStatus(els.interiorStatus,
        `${file.name}: ${found.pages} pages, trim ${found.trim} in (${found.trim_mm}) from the ${found.trim_from === "trim-box" ? "TrimBox" : "MediaBox"}${bleed}.`, "ok");
      update();
    } catch (e) {
      setStatus(els.interiorStatus, message(e), "error");
    }
  }

  function rowKey(o) {
    return `${o.vendor}|${o.binding}|${o.paper}`;
  }

  function fillCheckRows() {
    const before = els.checkRow.value;
    const offers = view ? view.result.offers.filter((o) => !o.error) : [];
    if (!offers.length) {
      els.checkRow.replaceChildren(el("option", { value: "" }, "no vendor can print this book"));
      return;
    }
    const unit = view.result.unit;
    els.checkRow.replaceChildren(...offers.map((o) => el("option", { value: rowKey(o) },
      `${o.vendor_name} ${o.binding} ${o.paper}: ${o.text.full_width} × ${o.text.full_height} ${unit}, spine ${o.text.spine_width} ${unit}`)));
    if (offers.some((o) => rowKey(o) === before)) els.checkRow.value = before;
  }

  async function readCover() {
    const file = els.cover.files[0];
    if (!file) return;
    cover = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    runCheck();
  }

  function runCheck() {
    clearTimeout(checkTimer);
    if (!cover) return;
    const o = view && view.result.offers.find((r) => !r.error && rowKey(r) === els.checkRow.value);
    if (!o) {
      els.findings.replaceChildren(el("p", { class: "status error" }, "Choose a vendor that can print the book first."));
      return;
    }
    let report;
    try {
      report = JSON.parse(call(() => session.check(o.vendor, o.binding, o.paper, view.book.trim, view.book.pages, cover.name, cover.bytes)));
    } catch (e) {
      els.findings.dataset.status = "error";
      els.findings.replaceChildren(el("p", { class: "status error" }, message(e)));
      return;
    }
    els.findings.dataset.status = report.status;
    const heading = el("p", { class: "verdict " + report.status },
      el("strong", {}, report.status.toUpperCase()),
      ` ${report.file} for ${o.vendor_name} ${o.binding} ${o.paper}, ${view.result.trim_name}, ${report.pages} pages` +
      (report.implied_spine ? ` (its size implies a ${report.implied_spine} in spine)` : ""));
    const list = el("ul", { class: "findings" }, ...report.findings.map((f) => el("li", { class: f.status },
      el("span", { class: "badge" }, f.status), " ", el("b", {}, f.check), ": ", f.message,
      f.measured && f.expected ? el("small", {}, `measured ${f.measured}, expected ${f.expected}`) : null)));
    els.findings.replaceChildren(heading, list);
  }

  // ---- print colours (a module of its own, loaded when first used) --------------------------

  let colorModule = null; // the colour module's glue, once loaded

  // Loads web/color's module: its glue script, then its bytes (from the script that carries
  // them when the page is opened from a local folder).
  async function loadColor() {
    if (colorModule) return colorModule;
    await loadScript("podcover_color.js");
    let bytes;
    if (location.protocol === "file:") {
      await loadScript("podcover_color-wasm.js");
      bytes = Uint8Array.from(atob(self.PODCOVER_COLOR_WASM), (c) => c.charCodeAt(0));
    } else {
      const response = await fetch("podcover_color_bg.wasm");
      if (!response.ok) throw new Error(`cannot load podcover_color_bg.wasm (${response.status})`);
      bytes = await response.arrayBuffer();
    }
    const glue = self.podcoverColorGlue();
    await glue({ module_or_path: await WebAssembly.compile(bytes) });
    colorModule = glue;
    document.documentElement.dataset.colorLoaded = "true";
    return glue;
  }

  async function separateArt() {
    const file = els.art.files[0];
    if (!file) return;
    const o = view && view.result.offers.find((r) => !r.error && rowKey(r) === els.checkRow.value);
    if (!o) {
      els.separation.replaceChildren(el("p", { class: "status error" }, "Choose a vendor that can print the book first."));
      return;
    }
    els.separation.replaceChildren(el("p", { class: "status" }, "Separating…"));
    try {
      const stated = call(() => session.ink_limit(o.vendor, o.binding));
      const limit = stated || 400;
      const color = await loadColor();
      const bitmap = await createImageBitmap(file, { colorSpaceConversion: "none", premultiplyAlpha: "none" });
      const canvas = document.createElement("canvas");
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const context = canvas.getContext("2d", { colorSpace: "srgb" });
      context.drawImage(bitmap, 0, 0);
      const rgba = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const s = color.separate(new Uint8Array(rgba.buffer), bitmap.width, bitmap.height, limit);
      const url = URL.createObjectURL(new Blob([s.proof_png()], { type: "image/png" }));
      const within = stated ? `within the ${stated}% ${o.vendor_name} recommends` : `${o.vendor_name} states no ink limit`;
      els.separation.dataset.maxInk = String(s.max_ink());
      els.separation.replaceChildren(
        el("p", { class: "status ok" },
          `${file.name}, ${bitmap.width} x ${bitmap.height} px, separated for ${s.condition()}: ` +
          `the most ink is ${s.max_ink().toFixed(1)}% at (${s.peak_x()}, ${s.peak_y()}) px from the top-left, ${within}` +
          (s.limited() ? `; ${s.limited()} pixel(s) were reduced to the limit.` : ".")),
        el("img", { src: url, alt: `${file.name} as it will print`, class: "proof" }),
        el("p", {}, el("a", { href: url, download: file.name.replace(/\.[^.]*$/, "") + "-proof.png" }, "Download the proof (PNG)")));
      s.free();
    } catch (e) {
      els.separation.replaceChildren(el("p", { class: "status error" }, message(e)));
    } finally {
      els.art.value = "";
    }
  }

  async function readData(kind) {
    const input = kind === "readings" ? els.readings : els.stock;
    const file = input.files[0];
    if (!file) return;
    try {
      const text = await file.text();
      if (kind === "readings") {
        const n = call(() => session.set_readings(file.name, text));
        loaded.readings = [file.name, text];
        const unused = JSON.parse(call(() => session.unused_readings()));
        setStatus(els.dataStatus, `${file.name}: ${n} reading${n === 1 ? "" : "s"} in use.` +
          (unused.length ? ` Not used (no such product here): ${unused.join("; ")}.` : ""), "ok");
      } else {
        const vendor = call(() => session.add_stock(file.name, text));
        loaded.stocks.push([file.name, text]);
        setStatus(els.dataStatus, `${file.name}: ${vendor} in use.`, "ok");
      }
      fillChoices();
      update();
    } catch (e) {
      setStatus(els.dataStatus, message(e), "error");
    } finally {
      input.value = "";
    }
  }

  function resetData() {
    call(() => session.reset());
    loaded.readings = null;
    loaded.stocks = [];
    fillChoices();
    setStatus(els.dataStatus, "Using the built-in figures only.", "ok");
    update();
  }

  start();
})();
