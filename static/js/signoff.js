// Sign-off forms: signing freezes the record and makes the signed PDFs, which takes a few seconds
// for long minutes. Say so, and stop a second click from sending the password twice.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-busy]");
  if (!form || form.dataset.sent) {
    if (form) event.preventDefault();
    return;
  }
  form.dataset.sent = "1";
  const button = form.querySelector("button[type=submit]");
  if (button) {
    button.setAttribute("aria-disabled", "true");
    button.classList.add("disabled");
  }
  const status = form.querySelector("[data-busy-status]");
  if (status) status.textContent = form.dataset.busy;
});
