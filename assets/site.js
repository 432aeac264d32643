// Ideaboard's few behaviours on top of htmx, all optional (every form works without them): say
// why an action failed, next to where it was taken; keep the keyboard focus on the vote button
// that was pressed; tell screen readers the new points.
(function () {
  "use strict";

  var lastVote = null;

  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // The message of an error page the server sent (`data-error-message`), if any.
  function messageIn(html) {
    if (!html) return null;
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var found = parsed.querySelector("[data-error-message]");
    return found ? found.textContent.trim() : null;
  }

  function explain(status, html) {
    var sent = messageIn(html);
    if (status === 401) return "You are no longer logged in. Log in and try again.";
    if (sent) return sent;
    if (status === 429) return "Too many tries in a short time. Wait a moment and try again.";
    return "That did not work (error " + status + "). Reload the page and try again.";
  }

  // Puts `text` in an alert where the action was taken: at the end of a vote widget, or just
  // after a form.
  function showError(source, text, offerLogIn) {
    var widget = source.closest(".vote");
    var form = source.closest("form") || source;
    var old = widget ? widget.querySelector(".action-error") : form.nextElementSibling;
    if (old && old.classList.contains("action-error")) old.remove();
    var note = document.createElement("p");
    note.className = "action-error";
    note.setAttribute("role", "alert");
    note.textContent = text + " ";
    if (offerLogIn) {
      var link = document.createElement("a");
      link.href = "/login";
      link.textContent = "Log in";
      note.appendChild(link);
    }
    if (widget) widget.appendChild(note);
    else form.insertAdjacentElement("afterend", note);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".vote button");
    if (!button) return;
    var widget = button.closest(".vote");
    lastVote = { widget: widget.id, kind: button.classList.contains("vote-down") ? "vote-down" : "vote-up" };
  });

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    lastVote = null;
    showError(event.detail.elt, explain(xhr.status, xhr.responseText), xhr.status === 401);
  });

  document.addEventListener("htmx:sendError", function (event) {
    lastVote = null;
    showError(event.detail.elt, "The board could not be reached. Check your connection and try again.", false);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var swapped = event.detail.target;
    if (!lastVote || !swapped || swapped.id !== lastVote.widget) return;
    // The widget is replaced whole (outerHTML): look the new one up.
    var widget = document.getElementById(lastVote.widget);
    if (!widget) return;
    var button = widget.querySelector("button." + lastVote.kind);
    if (button) button.focus();
    var points = widget.querySelector(".points");
    if (points) announce(points.getAttribute("aria-label") || points.textContent);
    lastVote = null;
  });
})();
