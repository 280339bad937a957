// Progressive enhancement: without JavaScript every tree is shown fully expanded.
(function () {
  "use strict";

  function setExpanded(button, expanded) {
    button.setAttribute("aria-expanded", expanded ? "true" : "false");
    var list = document.getElementById(button.getAttribute("aria-controls"));
    if (list) list.hidden = !expanded;
  }

  function initTree(tree) {
    var toggles = tree.querySelectorAll("[data-tree-toggle]");
    toggles.forEach(function (button) {
      // Start with the top two levels open: KF and what sits directly under it.
      var depth = 0;
      for (var el = button.closest("li"); el && el !== tree; el = el.parentElement.closest("li")) depth++;
      setExpanded(button, depth <= 1);
      button.addEventListener("click", function () {
        setExpanded(button, button.getAttribute("aria-expanded") !== "true");
      });
    });
    var actions = document.querySelector("[data-tree-actions]");
    if (actions && toggles.length) {
      actions.hidden = false;
      actions.querySelector("[data-tree-expand-all]").addEventListener("click", function () {
        toggles.forEach(function (b) { setExpanded(b, true); });
      });
      actions.querySelector("[data-tree-collapse-all]").addEventListener("click", function () {
        toggles.forEach(function (b) { setExpanded(b, false); });
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-tree]").forEach(initTree);
  });
})();

// The goal tree: children are fetched with htmx the first time a node is opened.
(function () {
  "use strict";

  function toggle(button) {
    var list = document.getElementById(button.getAttribute("aria-controls"));
    if (!list) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    if (open && !button.hasAttribute("data-loaded") && window.htmx) {
      button.setAttribute("aria-busy", "true");
      window.htmx
        .ajax("GET", button.getAttribute("data-children-url"), { target: list, swap: "innerHTML" })
        .then(function () {
          button.setAttribute("data-loaded", "");
          button.removeAttribute("aria-busy");
          list.hidden = false;
          button.setAttribute("aria-expanded", "true");
        });
      return;
    }
    list.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-goal-toggle]");
    if (button) toggle(button);
  });
})();

// After a submit with errors: the error summary takes the focus (GOV.UK's pattern), so that
// the user sees it and a screen reader reads it wherever on the page the form is; its links
// move the focus to the field in error, not only the scroll position.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary[tabindex='-1']");
    if (summary) summary.focus();
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });
})();
