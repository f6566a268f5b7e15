// Drafting: agenda builder (drag and keyboard), register keys, and the minutes editor with
// autosave that never loses a word. Every form here also works as a plain post without this file.
(function () {
  "use strict";

  function csrfOf(form) {
    const input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(url, body, csrf, extraHeaders) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: Object.assign({ Accept: "application/json", "X-CSRFToken": csrf }, extraHeaders || {}),
    });
  }

  // ---------------------------------------------------------------- agenda builder
  let focusAfterSwap = null;

  function initAgenda(root) {
    const builder = root.id === "agenda-builder" ? root : root.querySelector("#agenda-builder");
    if (!builder || typeof Sortable === "undefined") return;
    const url = builder.dataset.reorderUrl;
    const csrf = csrfOf(builder);
    builder.querySelectorAll(".agenda-list").forEach(function (list) {
      Sortable.create(list, {
        handle: ".drag-handle",
        draggable: ".agenda-node",
        animation: 150,
        group: "level-" + list.dataset.parent,
        ghostClass: "agenda-ghost",
        onEnd: function (evt) {
          if (evt.oldIndex === evt.newIndex) return;
          const body = new URLSearchParams();
          body.append("parent", list.dataset.parent);
          Array.from(list.children).forEach(function (li) {
            if (li.dataset.item) body.append("order", li.dataset.item);
          });
          focusAfterSwap = evt.item.dataset.item;
          post(url, body, csrf, { "HX-Request": "true", Accept: "text/html" })
            .then(function (res) { return res.text(); })
            .then(function (html) { replaceBuilder(html); });
        },
      });
    });
  }

  function replaceBuilder(html) {
    const old = document.getElementById("agenda-builder");
    const tmp = document.createElement("div");
    tmp.innerHTML = html.trim();
    const fresh = tmp.firstElementChild;
    if (!old || !fresh) return;
    old.replaceWith(fresh);
    if (window.htmx) window.htmx.process(fresh);
    initAgenda(fresh);
    restoreAgendaFocus();
  }

  function restoreAgendaFocus() {
    if (!focusAfterSwap) return;
    const row = document.querySelector('.agenda-row[data-item="' + focusAfterSwap + '"]');
    focusAfterSwap = null;
    if (row) row.focus();
  }

  const MOVE_KEYS = { ArrowUp: "up", ArrowDown: "down", ArrowRight: "in", ArrowLeft: "out" };

  document.addEventListener("keydown", function (e) {
    if (!e.altKey || e.ctrlKey || e.metaKey || !(e.key in MOVE_KEYS)) return;
    const row = e.target.closest && e.target.closest(".agenda-row");
    if (!row) return;
    const button = row.querySelector('[data-move="' + MOVE_KEYS[e.key] + '"]');
    e.preventDefault();
    if (!button) return;
    focusAfterSwap = row.dataset.item;
    button.click();
  });

  // ---------------------------------------------------------------- register
  // Keys mark the focused row and move on; each row saves itself. Nothing here ever redraws
  // the register while the officer works in it: a changed label is shown in place and a row
  // whose group changed moves to its group with the focus (and caret) left where it is, so
  // typing ahead is never lost or sent to the wrong field.
  const REGISTER_KEYS = ["p", "a", "x", "i", "o"];

  function initRegister(form) {
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    const state = document.getElementById("register-state");
    const saveButton = form.querySelector(".register-save");
    if (saveButton) saveButton.classList.add("visually-hidden");
    let delay = 1000;
    // One save per row at a time: a change made while its row is saving is sent after it, with
    // the row as it then is, so an earlier save can never land after a later one.
    const inflight = {};
    const again = {};

    function saveRow(row, chairedValue) {
      const id = row ? row.dataset.row : null;
      if (id && inflight[id]) { again[id] = true; return; }
      if (id) inflight[id] = true;
      function settled() {
        if (!id) return;
        inflight[id] = false;
        if (again[id]) { again[id] = false; saveRow(row); }
      }
      const body = new FormData();
      body.append("csrfmiddlewaretoken", csrfOf(form));
      if (row) {
        body.append("rows", id);
        const checked = row.querySelector('input[name="category-' + id + '"]:checked');
        if (checked) body.append("category-" + id, checked.value);
        if (row.querySelector('input[name="minutes-' + id + '"]').checked) body.append("minutes-" + id, "on");
        ["arrived", "left", "group", "role", "note"].forEach(function (name) {
          row.querySelectorAll('[name="' + name + "-" + id + '"]').forEach(function (input) {
            body.append(name + "-" + id, input.value);
          });
        });
        row.classList.toggle("is-unmarked", !checked);
      }
      if (chairedValue !== undefined) body.append("chaired", chairedValue);
      state.textContent = "Saving…";
      state.className = "save-state is-saving";
      post(form.dataset.autosaveUrl, body, csrfOf(form))
        .then(function (res) {
          return res.json().then(function (data) { return { res: res, data: data }; });
        })
        .then(function (r) {
          if (r.res.ok) {
            delay = 1000;
            state.textContent = "Saved " + r.data.saved_at;
            state.className = "save-state is-saved";
            if (row && r.data.rows && r.data.rows[id]) showLabels(row, r.data.rows[id]);
          } else if (r.data.errors) {
            state.textContent = "Not saved: " + Object.values(r.data.errors).join(" ");
            state.className = "save-state is-error";
          } else {
            state.textContent = "Not saved: " + (r.data.message || "refused");
            state.className = "save-state is-error";
          }
          settled();
        })
        .catch(function () {
          state.textContent = "Not saved: retrying";
          state.className = "save-state is-error";
          if (id) { inflight[id] = false; again[id] = false; }
          setTimeout(function () { saveRow(row, chairedValue); }, delay);
          delay = Math.min(delay * 2, 30000);
        });
    }

    form.addEventListener("change", function (e) {
      if (moving) return;  // a field committing as its row moves to its group: not an edit
      const row = e.target.closest(".register-row");
      if (e.target.name === "chaired") {
        saveRow(null, e.target.value);
      } else if (row) {
        if (e.target.classList.contains("movement-new") && e.target.value) addMovementBox(e.target);
        saveRow(row);
      }
    });

    // Enter in a label field would post the whole page: saving happens on change instead.
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      const active = document.activeElement;
      if (active && active.form === form && active.blur) active.blur();
    });

    form.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const tag = e.target.tagName;
      if (tag === "SELECT" || tag === "TEXTAREA" || (tag === "INPUT" && e.target.type === "text")) return;
      if (tag === "SUMMARY" || tag === "BUTTON") return;
      const key = e.key.toLowerCase();
      const row = e.target.closest(".register-row");
      if (!row) return;
      if (REGISTER_KEYS.indexOf(key) !== -1) {
        const radio = row.querySelector('input[data-key="' + key + '"]');
        if (!radio) return;
        e.preventDefault();
        radio.checked = true;
        radio.dispatchEvent(new Event("change", { bubbles: true }));
        const next = siblingRow(row, 1);
        if (next) focusRow(next);
      } else if (key === "j" || key === "k") {
        const other = siblingRow(row, key === "j" ? 1 : -1);
        if (other) { e.preventDefault(); focusRow(other); }
      } else if (key === "n") {
        // Someone not on the register (a guest, a substitute): straight to the add form.
        const field = document.querySelector("#add-person select, #add-person input:not([type=hidden])");
        if (field) { e.preventDefault(); field.focus(); }
      }
    });
  }

  // A box for another arrival or departure once the blank one is used.
  function addMovementBox(select) {
    const fresh = select.cloneNode(true);
    const label = document.querySelector('label[for="' + select.id + '"]');
    const count = select.closest("td").querySelectorAll("select").length + 1;
    select.id = select.id + "-" + count;
    select.classList.remove("movement-new");
    if (label) label.htmlFor = select.id;
    fresh.value = "";
    fresh.options[0].textContent = select.closest("td").dataset.kind === "left" ? "Left again after…" : "Joined again during…";
    const freshLabel = label ? label.cloneNode(true) : null;
    if (freshLabel) {
      freshLabel.htmlFor = fresh.id;
      if (!/\(again\)$/.test(freshLabel.textContent)) freshLabel.textContent += " (again)";
      select.after(freshLabel, fresh);
    } else {
      select.after(fresh);
    }
  }

  // What the server made of the row's labels (tidied), shown without redrawing anything.
  function showLabels(row, saved) {
    const role = row.querySelector(".role-label");
    if (role) { role.textContent = "(" + saved.role + ")"; role.hidden = !saved.role; }
    const note = row.querySelector(".register-note");
    if (note) { note.textContent = saved.note; note.hidden = !saved.note; }
    if (row.dataset.group !== saved.group) {
      row.dataset.group = saved.group;
      keepFocus(function () { layoutGroups(row.closest("table")); });
    }
  }

  // Run ``move`` (which may move the focused field in the page) and put the focus and caret
  // back where they were, before any further key is handled.
  let moving = false;

  function keepFocus(move) {
    const active = document.activeElement;
    let start = null, end = null;
    try { start = active.selectionStart; end = active.selectionEnd; } catch (err) { start = null; }
    moving = true;
    try { move(); } finally { moving = false; }
    if (active && active !== document.body && document.activeElement !== active) {
      active.focus({ preventScroll: true });
      if (start !== null && start !== undefined) {
        try { active.setSelectionRange(start, end); } catch (err) { /* not a text field */ }
      }
    }
  }

  // Rows in one table body per group, groups in the order of their first row, as the server
  // draws them. Only what is out of place is moved.
  function layoutGroups(table) {
    const rows = Array.from(table.querySelectorAll(".register-row")).sort(function (a, b) {
      return Number(a.dataset.position) - Number(b.dataset.position);
    });
    const order = [];
    const members = {};
    rows.forEach(function (row) {
      const group = row.dataset.group || "";
      if (!(group in members)) { members[group] = []; order.push(group); }
      members[group].push(row);
    });
    const grouped = order.some(function (g) { return g !== ""; });
    let previous = table.querySelector("thead");
    order.forEach(function (group) {
      let body = Array.from(table.tBodies).find(function (b) { return b.dataset.group === group; });
      if (!body) body = groupBody(group);
      if (previous.nextElementSibling !== body) previous.after(body);
      let last = body.querySelector(".register-group-head");
      last.hidden = !grouped;
      last.querySelector(".group-count").textContent = members[group].length;
      members[group].forEach(function (row) {
        if (last.nextElementSibling !== row) last.after(row);
        last = row;
      });
      previous = body;
    });
    Array.from(table.tBodies).forEach(function (body) {
      if (!body.querySelector(".register-row")) body.remove();
    });
  }

  function groupBody(group) {
    const body = document.createElement("tbody");
    body.className = "register-group";
    body.dataset.group = group;
    const head = document.createElement("tr");
    head.className = "register-group-head";
    const cell = document.createElement("th");
    cell.scope = "rowgroup";
    cell.colSpan = 6;
    const name = document.createElement("span");
    name.className = "group-name";
    if (group) {
      name.textContent = group;
    } else {
      const none = document.createElement("span");
      none.className = "text-org";
      none.textContent = "Not in a group";
      name.appendChild(none);
    }
    const count = document.createElement("span");
    count.className = "text-org fw-normal small group-count";
    cell.append(name, " ", count);
    head.appendChild(cell);
    body.appendChild(head);
    return body;
  }

  // Rows sit in one table body per group: the next row may be in the next group.
  function siblingRow(row, step) {
    const rows = Array.from(document.querySelectorAll("#register-form .register-row"));
    return rows[rows.indexOf(row) + step] || null;
  }

  function settleRegister(onLoad) {
    const area = document.getElementById("register-area");
    if (!area) return;
    initRegister(document.getElementById("register-form"));
    let focus = area.dataset.focus;
    // Opening the register: start at the first person not yet marked, ready for the keys.
    if (!focus && onLoad && !window.location.hash) {
      const first = area.querySelector(".register-row.is-unmarked");
      if (first) focus = first.id;
    }
    if (!focus) return;
    delete area.dataset.focus;
    const target = document.getElementById(focus);
    if (!target) return;
    if (target.classList.contains("register-row")) {
      focusRow(target);
      target.scrollIntoView({ block: "center" });
    } else {
      (target.querySelector(".is-invalid") || target).focus();
    }
  }

  function focusRow(row) {
    const target = row.querySelector("input.btn-check:checked") || row.querySelector("input.btn-check");
    (target || row).focus();
  }

  // ---------------------------------------------------------------- minutes editor
  const editors = [];
  let currentItem = null;

  function timeNow() {
    const d = new Date();
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  function ItemEditor(form) {
    this.form = form;
    this.item = form.dataset.item;
    this.url = form.action;
    this.textarea = form.querySelector("textarea[name=minutes]");
    this.revision = form.querySelector("input[name=base_revision]");
    this.state = form.querySelector(".save-state");
    this.panel = form.querySelector(".conflict-panel");
    this.key = "minutebook:minutes:" + this.item;
    this.delay = 1000;
    this.timer = null;
    this.inflight = false;
    this.again = false;
    this.conflict = false;
    this.build();
    this.restoreLocal();
  }

  ItemEditor.prototype.build = function () {
    const self = this;
    const label = this.form.querySelector("label[for='" + this.textarea.id + "']");
    if (label) label.id = this.textarea.id + "-label";
    const bar = document.createElement("div");
    bar.className = "editor-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Formatting for item minutes");
    [
      ["bold", "Bold", "B", "Bold (Ctrl+B)"],
      ["bullets", "Bulleted list", "• List", "Bulleted list"],
      ["numbers", "Numbered list", "1. List", "Numbered list"],
      ["letters", "Lettered list", "a) List", "Lettered list"],
      ["decision", "Add a decision", "AGREED", "Add a decision (Alt+Shift+D)"],
      ["action", "Add an action", "Action", "Add an action (Alt+Shift+A)"],
    ].forEach(function (b) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-light editor-btn editor-" + b[0];
      button.dataset.command = b[0];
      button.setAttribute("aria-label", b[1]);
      button.title = b[3];
      button.textContent = b[2];
      bar.appendChild(button);
    });
    bar.addEventListener("mousedown", function (e) { if (e.target.closest("button")) e.preventDefault(); });
    bar.addEventListener("click", function (e) {
      const button = e.target.closest("button");
      if (button) self.command(button.dataset.command);
    });
    const editor = document.createElement("div");
    editor.className = "minutes-editor minutes-text form-control";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    if (label) editor.setAttribute("aria-labelledby", label.id);
    editor.id = this.textarea.id + "-editor";
    // The box may show plain text (for use without JavaScript); the editor starts from the HTML.
    editor.innerHTML = this.textarea.dataset.html !== undefined ? this.textarea.dataset.html : this.textarea.value;
    editor.dataset.placeholder = "Type the minutes of this item…";
    this.editor = editor;
    this.textarea.hidden = true;
    this.textarea.after(bar, editor);
    const saveButton = this.form.querySelector(".minutes-save");
    if (saveButton) saveButton.classList.add("visually-hidden");
    editor.addEventListener("input", function () { self.changed(); });
    editor.addEventListener("blur", function () { if (self.dirty()) self.saveNow(); });
    editor.addEventListener("focus", function () {
      currentItem = self.item;
      // Start an empty editor inside a paragraph so the first words are a <p> like the rest.
      if (!editor.textContent.trim() && !editor.querySelector("li")) {
        editor.innerHTML = "<p><br></p>";
        const range = document.createRange();
        range.setStart(editor.firstChild, 0);
        range.collapse(true);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
    });
    editor.addEventListener("paste", function (e) {
      // Keep pasted text plain: formatting from Word brings styles the minutes cannot hold.
      const text = (e.clipboardData || window.clipboardData).getData("text/plain");
      e.preventDefault();
      document.execCommand("insertText", false, text);
    });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); self.saveNow(); });
    this.saved = this.html();
    this.setState("", "");
  };

  ItemEditor.prototype.command = function (name) {
    this.editor.focus();
    if (name === "bold") document.execCommand("bold");
    if (name === "bullets") document.execCommand("insertUnorderedList");
    if (name === "numbers" || name === "letters") {
      document.execCommand("insertOrderedList");
      const sel = window.getSelection();
      let node = sel && sel.anchorNode;
      while (node && node !== this.editor && node.nodeName !== "OL") node = node.parentNode;
      if (node && node.nodeName === "OL") {
        if (name === "letters") node.setAttribute("type", "a");
        else node.removeAttribute("type");
      }
    }
    if (name === "decision") focusExtra(this.item, ".decision-form textarea");
    if (name === "action") focusExtra(this.item, ".action-form textarea");
    if (name !== "decision" && name !== "action") this.changed();
  };

  ItemEditor.prototype.html = function () {
    const html = this.editor.innerHTML.trim();
    return html === "<br>" || html === "<p><br></p>" ? "" : html;
  };

  ItemEditor.prototype.dirty = function () { return this.html() !== this.saved; };

  ItemEditor.prototype.setState = function (text, kind) {
    this.state.textContent = text;
    this.state.className = "save-state" + (kind ? " is-" + kind : "");
  };

  ItemEditor.prototype.storeLocal = function () {
    try {
      localStorage.setItem(this.key, JSON.stringify({ html: this.html(), base: this.revision.value }));
    } catch (err) { /* storage full or disabled: the page still holds the text */ }
  };

  ItemEditor.prototype.clearLocal = function () {
    try { localStorage.removeItem(this.key); } catch (err) { /* nothing kept */ }
  };

  ItemEditor.prototype.restoreLocal = function () {
    let kept = null;
    try { kept = JSON.parse(localStorage.getItem(this.key) || "null"); } catch (err) { kept = null; }
    if (!kept || kept.html === this.saved) { this.clearLocal(); return; }
    this.editor.innerHTML = kept.html;
    // Saving from the revision the text was written on lets the server spot a clash.
    this.revision.value = kept.base;
    this.setState("Unsaved text recovered: saving…", "saving");
    this.saveNow();
  };

  ItemEditor.prototype.changed = function () {
    const self = this;
    this.storeLocal();
    if (this.conflict) return;
    this.setState("Editing…", "editing");
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.saveNow(); }, 800);
  };

  ItemEditor.prototype.saveNow = function () {
    const self = this;
    clearTimeout(this.timer);
    if (this.conflict) return;
    if (this.inflight) { this.again = true; return; }
    if (!this.dirty()) { this.clearLocal(); return; }
    const sent = this.html();
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrfOf(this.form));
    body.append("minutes", sent);
    body.append("format", "html");
    body.append("base_revision", this.revision.value);
    this.inflight = true;
    this.setState("Saving…", "saving");
    post(this.url, body, csrfOf(this.form))
      .then(function (res) {
        return res.json().then(
          function (data) { return { res: res, data: data }; },
          function () { return { res: res, data: {} }; }
        );
      })
      .then(function (r) {
        self.inflight = false;
        if (r.res.ok && r.data.ok) {
          self.delay = 1000;
          self.revision.value = r.data.revision;
          self.saved = sent;
          self.setState("Saved " + r.data.saved_at, "saved");
          if (self.dirty()) { self.storeLocal(); self.saveNow(); } else { self.clearLocal(); }
        } else if (r.res.status === 409 && r.data.conflict) {
          self.showConflict(r.data);
        } else if (r.res.status === 423 || r.res.status === 400 || r.res.status === 403 || r.res.status === 404) {
          self.setState("Not saved: " + (r.data.message || "the server refused this save (reload the page)."), "error");
        } else {
          self.retry();
        }
        if (self.again) { self.again = false; self.saveNow(); }
      })
      .catch(function () {
        self.inflight = false;
        self.retry();
      });
  };

  ItemEditor.prototype.retry = function () {
    const self = this;
    this.storeLocal();
    this.setState("Not saved: retrying", "error");
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.saveNow(); }, this.delay);
    this.delay = Math.min(this.delay * 2, 30000);
  };

  ItemEditor.prototype.showConflict = function (data) {
    const self = this;
    this.conflict = true;
    this.storeLocal();
    this.setState("Not saved: someone else changed this item", "error");
    const panel = this.panel;
    panel.innerHTML = "";
    const box = document.createElement("div");
    box.className = "alert alert-warning mb-0";
    box.setAttribute("role", "alert");
    box.innerHTML =
      '<p class="fw-semibold mb-2">Someone else saved this item while you were editing. Your text is safe here; choose what to keep.</p>' +
      '<div class="row g-2 conflict-versions"><div class="col-md-6"><p class="small fw-semibold mb-1">Their version (saved)</p><div class="minutes-text conflict-version conflict-theirs"></div></div>' +
      '<div class="col-md-6"><p class="small fw-semibold mb-1">Your version (not saved)</p><div class="minutes-text conflict-version conflict-mine"></div></div></div>' +
      '<div class="d-flex flex-wrap gap-2 mt-2"><button type="button" class="btn btn-sm btn-primary" data-choice="mine">Keep mine</button>' +
      '<button type="button" class="btn btn-sm btn-outline-secondary" data-choice="theirs">Take theirs</button>' +
      '<button type="button" class="btn btn-sm btn-outline-secondary" data-choice="merge">Merge by hand</button></div>';
    // Both versions come back from the server already sanitised.
    box.querySelector(".conflict-theirs").innerHTML = data.theirs || "<p><em>(empty)</em></p>";
    box.querySelector(".conflict-mine").innerHTML = data.mine || "<p><em>(empty)</em></p>";
    panel.appendChild(box);
    panel.hidden = false;
    box.addEventListener("click", function (e) {
      const choice = e.target.dataset && e.target.dataset.choice;
      if (!choice) return;
      const mine = self.html();
      self.revision.value = data.revision;
      self.conflict = false;
      panel.hidden = true;
      panel.innerHTML = "";
      if (choice === "theirs") {
        self.editor.innerHTML = data.theirs;
        self.saved = self.html();
        self.clearLocal();
        self.setState("Took their version", "saved");
      } else if (choice === "merge") {
        self.editor.innerHTML = data.theirs + "<p><strong>My version:</strong></p>" + mine;
        self.saved = data.theirs;
        self.storeLocal();
        self.setState("Merge the two versions, then pause: it saves itself", "editing");
        self.editor.focus();
      } else {
        self.saveNow();
      }
    });
    box.querySelector("[data-choice=mine]").focus();
  };

  function focusExtra(item, selector) {
    const section = document.getElementById("item-" + item);
    const field = section && section.querySelector(selector);
    if (!field) return;
    const details = field.closest("details");
    if (details) details.open = true;
    field.scrollIntoView({ block: "center" });
    field.focus();
  }

  function initEditors(root) {
    root.querySelectorAll(".minutes-form").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      editors.push(new ItemEditor(form));
    });
  }

  document.addEventListener("focusin", function (e) {
    const section = e.target.closest && e.target.closest(".minutes-item");
    if (section) currentItem = section.dataset.item;
  });

  document.addEventListener("keydown", function (e) {
    if (!editors.length || !e.altKey) return;
    if (e.shiftKey && (e.code === "KeyD" || e.code === "KeyA") && currentItem) {
      e.preventDefault();
      focusExtra(currentItem, e.code === "KeyD" ? ".decision-form textarea" : ".action-form textarea");
    } else if (e.key === "PageDown" || e.key === "PageUp") {
      e.preventDefault();
      const index = editors.findIndex(function (ed) { return ed.item === currentItem; });
      const next = editors[index + (e.key === "PageDown" ? 1 : -1)] || editors[index === -1 ? 0 : index];
      if (next) { next.editor.scrollIntoView({ block: "start" }); next.editor.focus(); }
    }
  });

  window.addEventListener("online", function () {
    editors.forEach(function (ed) { if (ed.dirty()) ed.saveNow(); });
  });

  window.addEventListener("beforeunload", function (e) {
    if (editors.some(function (ed) { return ed.dirty(); })) {
      editors.forEach(function (ed) { if (ed.dirty()) ed.storeLocal(); });
      e.preventDefault();
    }
  });

  // After an htmx swap: keep the officer's place (the form they just used, or the moved item).
  let lastForm = null;
  document.addEventListener("htmx:beforeRequest", function (e) {
    const form = e.detail.elt.closest && e.detail.elt.closest("form");
    lastForm = form ? form.className.split(" ")[0] : null;
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    const target = e.detail.target;
    if (!target) return;
    if (document.getElementById("register-area")) settleRegister();
    if (target.id === "agenda-builder" || (target.closest && target.closest("#agenda-builder")) || document.getElementById("agenda-builder")) {
      initAgenda(document);
      if (lastForm === "card" || lastForm === "add-item-form") {
        const title = document.querySelector("#add-item .is-invalid, #add-item input[name=title]");
        if (title) title.focus();
      }
      restoreAgendaFocus();
    }
    const extras = document.getElementById(target.id) || target;
    if (!(extras.classList && extras.classList.contains("item-extras"))) return;
    const editing = extras.querySelector(".extra-edit-form");
    if (editing) {
      // A row turned into its form: start in its first field (or the one that was refused).
      const field = editing.querySelector(".is-invalid") || editing.querySelector("textarea, input:not([type=hidden])");
      if (field) field.focus();
    } else if (lastEdited) {
      // Back from an edit: return to that row's Edit link so the officer keeps their place.
      const link = extras.querySelector('[data-row="' + lastEdited + '"] .link-edit');
      if (link) link.focus();
    } else if (lastForm) {
      const invalid = extras.querySelector("." + lastForm + " .is-invalid");
      const first = extras.querySelector("." + lastForm + " textarea");
      if (invalid || first) (invalid || first).focus();
    }
    lastEdited = null;
  });

  // Editing a decision or an action in place: Escape cancels, as the Cancel link does.
  let lastEdited = null;
  document.addEventListener("htmx:beforeRequest", function (e) {
    const form = e.detail.elt.closest && e.detail.elt.closest(".extra-edit-form");
    if (form) lastEdited = form.dataset.edit;
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !e.target.closest) return;
    const form = e.target.closest(".extra-edit-form");
    const cancel = form && form.querySelector(".extra-edit-cancel[hx-get]");
    if (!cancel) return;
    e.preventDefault();
    cancel.click();
  });

  document.addEventListener("DOMContentLoaded", function () {
    try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (err) { /* old browsers */ }
    initAgenda(document);
    settleRegister(true);
    initEditors(document);
  });
})();
